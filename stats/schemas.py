"""The statistics API's shapes: the reporting form's figures of a row, and a report."""

from datetime import date

from ninja import Field, Schema

from .domain.indicators import DossierFigures, Rate

#: The counts of a row, in the reporting form's order, then the other indicators.
COUNTS = (
    "received_total",
    "carried_over",
    "received_new",
    "received_online",
    "received_direct_or_postal",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress_total",
    "in_progress_within_deadline",
    "in_progress_past_deadline",
    "ended_unresolved",
    "rejected",
    "withdrawn",
    "stopped",
    "not_accepted",
    "supplement_requests",
    "results_returned",
    "returned_by_post",
    "fees_paid",
    "paid_online",
    "digitized",
    "electronic_results",
)
RATES = (
    "on_time_rate",
    "online_rate",
    "online_payment_rate",
    "dossier_digitization_rate",
    "result_digitization_rate",
)


class FiguresOut(Schema):
    received_total: int = Field(description="Carried over + received in the period.")
    carried_over: int = Field(description="Received before the period and still open when it began.")
    received_new: int
    received_online: int
    received_direct_or_postal: int
    resolved_total: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    in_progress_total: int = Field(description="Open at the end of the period.")
    in_progress_within_deadline: int
    in_progress_past_deadline: int
    ended_unresolved: int = Field(description="Rejected after reception, withdrawn or stopped in the period.")
    rejected: int
    withdrawn: int
    stopped: int
    not_accepted: int = Field(description="Online submissions refused before reception.")
    supplement_requests: int
    results_returned: int
    returned_by_post: int
    fees_paid: int
    paid_online: int
    digitized: int
    electronic_results: int
    on_time_rate: float | None = Field(description="Percent, two decimals; null when nothing was resolved.")
    online_rate: float | None
    online_payment_rate: float | None
    dossier_digitization_rate: float | None
    result_digitization_rate: float | None
    average_processing_days: float | None = Field(description="Working days from reception to decision.")


class PeriodOut(Schema):
    kind: str
    first: date
    last: date
    label: str


class RowOut(Schema):
    key: str = Field(description="The agency's, sector's or procedure's code, the level or the channel.")
    name: str
    figures: FiguresOut


class ReportOut(Schema):
    period: PeriodOut
    group_by: str
    rows: list[RowOut]
    total: FiguresOut


def _percent(rate: Rate) -> float | None:
    percent = rate.percent
    return None if percent is None else float(percent)


def figures_out(figures: DossierFigures) -> dict:
    out = {name: getattr(figures, name) for name in COUNTS}
    out.update({name: _percent(getattr(figures, name)) for name in RATES})
    days = figures.average_processing_days
    out["average_processing_days"] = None if days is None else float(days)
    return out
