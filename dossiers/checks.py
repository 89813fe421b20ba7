"""Start-up checks of the dossier settings: a misconfigured calendar must not compute wrong deadlines."""

from django.conf import settings
from django.core import checks

from .domain.calendar import OfficeHours


@checks.register()
def office_hours_are_valid(app_configs, **kwargs):
    try:
        OfficeHours.from_text(settings.MOTCUA_OFFICE_HOURS, settings.MOTCUA_SATURDAY_HOURS)
    except (TypeError, ValueError) as error:
        return [
            checks.Error(
                f"MOTCUA_OFFICE_HOURS / MOTCUA_SATURDAY_HOURS cannot be read: {error}",
                hint='Write the sessions like "07:30-11:30,13:00-17:00".',
                id="dossiers.E001",
            )
        ]
    return []
