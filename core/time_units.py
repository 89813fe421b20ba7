"""The units of a processing time, declared once: the catalog's column choices and the domain's
working-time calendar (``dossiers.domain.calendar``) both use this enumeration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    DAY = "day", _("working days")
    HOUR = "hour", _("working hours")
