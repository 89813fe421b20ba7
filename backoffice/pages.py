"""What every back-office dossier view starts with: the dossier the officer may see (else 404), and a
refused form's errors told as messages on the dossier page it returns to."""

from django.contrib import messages
from django.http import Http404

from dossiers.models import Dossier
from dossiers.services import DossierNotFound, actor_for


def visible_dossier(request, code) -> Dossier:
    try:
        dossier = Dossier.objects.select_related("procedure", "agency", "consulted_agency").get(code=code)
        actor_for(request.user, dossier)
    except (Dossier.DoesNotExist, DossierNotFound) as exc:
        raise Http404 from exc
    return dossier


def form_errors_as_messages(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
