"""The roles people play in Motcua, declared once; every other list of roles is derived from this one.

A staff role is bound to one agency: officers see and act on that agency's dossiers only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen or organization")
    COUNTER_OFFICER = "counter_officer", _("One-stop counter officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    MANAGER = "manager", _("Manager")
    CATALOG_OFFICER = "catalog_officer", _("Catalog officer")
    PROVINCE_MANAGER = "province_manager", _("Province manager (statistics of every agency)")


STAFF_ROLES = frozenset(
    {
        Role.COUNTER_OFFICER,
        Role.SPECIALIST,
        Role.LEADER,
        Role.MANAGER,
        Role.CATALOG_OFFICER,
        Role.PROVINCE_MANAGER,
    }
)

#: The staff who work on dossiers. A catalog officer keeps the catalog and sees no dossier.
#: A province manager reads the statistics of every agency, and no dossier's content.
DOSSIER_ROLES = STAFF_ROLES - {Role.CATALOG_OFFICER, Role.PROVINCE_MANAGER}
#: Who reads the statistics: an agency's manager (their agency) and a province manager (every agency).
STATISTICS_ROLES = frozenset({Role.MANAGER, Role.PROVINCE_MANAGER})

#: Who performs a step of a procedure's internal process: one of the dossier roles (the same values and
#: labels, as choices for the catalog's and the dossiers' step columns).
StepRole = models.TextChoices(
    "StepRole",
    [(role.name, (role.value, role.label)) for role in Role if role in DOSSIER_ROLES],
    module=__name__,
)
StepRole.__doc__ = "Who performs a step of a procedure's internal process."
