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


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")


class PaymentTiming(models.TextChoices):
    """When a procedure's fees are paid."""

    AT_SUBMISSION = "at_submission", _("At submission: the dossier is processed only once paid")
    ON_REQUEST = "on_request", _("When the officer requests the fees")
    NONE = "none", _("Not paid through the portal (no fee, or paid elsewhere)")
