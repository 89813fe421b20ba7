"""The statistics' aggregates, the contribution each dossier last added to them, and upgrade plans."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.contributions import Grain, Measure


def _measure():
    return models.BigIntegerField(default=0)


class Sums(models.Model):
    """The sum of every measure of some dossiers of one agency and channel over one day, month or year
    (``grain``, from ``period_start``). Written only by ``stats.tally`` and ``rebuild_stats``."""

    grain = models.CharField(max_length=1, choices=[(grain.value, grain.name) for grain in Grain])
    period_start = models.DateField()
    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    channel = models.PositiveSmallIntegerField()
    received = _measure()
    resolved_early = _measure()
    resolved_on_time = _measure()
    resolved_late = _measure()
    processing_minutes = _measure()
    rejected = _measure()
    withdrawn = _measure()
    stopped = _measure()
    not_accepted = _measure()
    overdue_started = _measure()
    overdue_ended = _measure()
    supplement_requests = _measure()
    digitized = _measure()
    electronic_results = _measure()
    results_returned = _measure()
    returned_by_post = _measure()
    fees_paid = _measure()
    paid_online = _measure()

    class Meta:
        abstract = True


class Aggregate(Sums):
    """The sums of the dossiers of one agency, procedure and channel over one day, month or year."""

    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period_start", "agency", "procedure", "channel"], name="stats_aggregate_key"
            )
        ]

    def __str__(self):
        return f"{self.grain} {self.period_start} {self.agency_id}/{self.procedure_id}/{self.channel}"


class AgencyAggregate(Sums):
    """The aggregates of one agency and channel with its procedures added together: what a report by
    agency, administrative level or channel reads, some forty times fewer rows than :class:`Aggregate`
    (the province's year at 10 million dossiers: 5,000 rows instead of 170,000)."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period_start", "agency", "channel"], name="stats_agency_aggregate_key"
            )
        ]

    def __str__(self):
        return f"{self.grain} {self.period_start} {self.agency_id}/{self.channel}"


MEASURE_FIELDS = tuple(measure.value for measure in Measure)


class DossierTally(models.Model):
    """What one dossier adds to the aggregates now (a ``Contribution`` as JSON), so that a change adds
    only the difference."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    counted = models.JSONField(default=dict)

    def __str__(self):
        return str(self.dossier_id)


class UpgradePlan(models.Model):
    """A plan to raise online services: the procedures of an agency (or of the province, without an
    agency) that go to a higher service level by a date, and the share of all procedures at
    ``target_level`` the plan aims for."""

    title = models.CharField(_("title"), max_length=255)
    agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a province-wide plan."),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target service level"), default=4, validators=[MinValueValidator(3), MaxValueValidator(4)]
    )
    target_share = models.DecimalField(
        _("target share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of all procedures at the target level the plan aims for, e.g. 30."),
    )
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("service-level upgrade plan")
        verbose_name_plural = _("service-level upgrade plans")

    def __str__(self):
        return self.title


class UpgradePlanItem(models.Model):
    """One procedure of a plan: the level it is to reach, by when."""

    plan = models.ForeignKey(UpgradePlan, on_delete=models.CASCADE, related_name="items")
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="+"
    )
    target_level = models.PositiveSmallIntegerField(
        _("target service level"), default=4, validators=[MinValueValidator(2), MaxValueValidator(4)]
    )
    due_date = models.DateField(_("due date"))

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "procedure"], name="stats_plan_procedure")]
        verbose_name = _("procedure of the plan")
        verbose_name_plural = _("procedures of the plan")

    def __str__(self):
        return f"{self.procedure_id} → {self.target_level}"
