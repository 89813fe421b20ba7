from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeLevel(models.TextChoices):
    """The tier of government an agency belongs to.

    Since 1 July 2025 local government has two tiers (province, commune); district is kept for
    historical data and three-tier deployments.
    """

    CENTRAL = "central", _("Central (ministry)")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class TimeUnit(models.TextChoices):
    WORKING_DAY = "day", _("working days")
    WORKING_HOUR = "hour", _("working hours")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")


class StepRole(models.TextChoices):
    """Who performs a step of a procedure's internal process."""

    COUNTER_OFFICER = "counter_officer", _("One-stop counter officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    MANAGER = "manager", _("Manager")
