"""Asking another agency for its opinion, and recording its answer (the dossier comes back)."""

from django.utils.translation import gettext_lazy as _

from ..domain.errors import DomainError
from ..domain.lifecycle import Action
from .table import Handler, handles


@handles(Action.SEND_INTER_AGENCY)
class SendToAnotherAgency(Handler):
    def check(self, ctx):
        agency = ctx.options.get("consulted_agency")
        if agency is None or agency.pk == ctx.dossier.agency_id:
            raise DomainError(_("Choose the agency the dossier is sent to."))

    def do(self, ctx):
        dossier, agency = ctx.dossier, ctx.options["consulted_agency"]
        dossier.consulted_agency = agency
        ctx.from_unit, ctx.to_unit = dossier.current_unit, str(agency)
        dossier.current_unit = ctx.to_unit


@handles(Action.RETURN_FROM_INTER_AGENCY)
class ReturnFromTheOtherAgency(Handler):
    def check(self, ctx):
        if ctx.consulted and not ctx.comment:
            raise DomainError(_("Write your agency's answer: it is recorded with the return."))

    def do(self, ctx):
        dossier, previous, steps = ctx.dossier, ctx.previous, ctx.steps
        ctx.from_unit = str(dossier.consulted_agency) if dossier.consulted_agency else dossier.current_unit
        dossier.consulted_agency = None
        if previous.step is not None and previous.step < len(steps):
            dossier.current_unit = steps[previous.step].handling_unit
        ctx.to_unit = dossier.current_unit
