from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.lifecycle import State


class Channel(models.IntegerChoices):
    """How the dossier arrived (national codes)."""

    DIRECT = 1, _("At the counter")
    ONLINE = 2, _("Online")
    POSTAL = 3, _("By public postal service")


class ApplicantType(models.IntegerChoices):
    CITIZEN = 1, _("Citizen")
    ORGANIZATION = 2, _("Organization")


class ResultDelivery(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Online")
    POST = "post", _("By post")


class Proposal(models.TextChoices):
    """What the specialist proposes when forwarding a dossier to the leader for the decision."""

    APPROVE = "approve", _("Approve and issue the result")
    REJECT = "reject", _("Refuse (with the reason)")


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Make-up working day")


STATE_CHOICES = [(state.value, state.label) for state in State]
