"""Catalog rules that do not depend on Django models: codes and the internal-process budget."""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

PROCEDURE_CODE_RE = re.compile(r"^[0-9]\.[0-9]{6}(\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})?$")
AGENCY_CODE_RE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$")
SECTOR_CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")

# Budgets are kept to two decimals: 0.25 day (2 hours) is the finest split provinces publish.
BUDGET_QUANTUM = Decimal("0.01")


def parse_duration(value) -> Decimal:
    """Parse a working-time amount written either way ("0,5" or "0.5"); must be positive."""
    if isinstance(value, Decimal):
        amount = value
    else:
        text = str(value).strip().replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from exc
    if not amount.is_finite() or amount <= 0:
        raise ValueError(_("The duration must be a positive number."))
    if amount != amount.quantize(BUDGET_QUANTUM):
        raise ValueError(_("Use at most two decimal places (for example 0.5 or 0.25)."))
    return amount.quantize(BUDGET_QUANTUM)


def step_budget_error(processing_time: Decimal, budgets: Iterable[Decimal], unit_label: str) -> str | None:
    """Return why the step budgets do not add up to the processing time, or None when they do.

    Having no steps is allowed (a procedure may be published before its internal process is defined).
    """
    budgets = [Decimal(b) for b in budgets]
    if not budgets:
        return None
    total = sum(budgets, Decimal(0))
    if total == Decimal(processing_time):
        return None
    return _(
        "The step budgets add up to %(total)s %(unit)s but the processing time is %(time)s %(unit)s; "
        "they must be equal."
    ) % {
        "total": _format(total),
        "time": _format(Decimal(processing_time)),
        "unit": unit_label,
    }


def _format(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text


def fee_condition_error(
    field_key: str, value: str, form_fields: dict[str, tuple[bool, list]]
) -> dict[str, str] | None:
    """What is wrong with a fee line's condition "charged when e-form field ``field_key`` is ``value``",
    by form field (``{"condition_field": message}``), or None. ``form_fields`` maps the procedure's
    e-form field keys to (is a choice field, its options)."""
    if not field_key and not value:
        return None
    if not field_key:
        return {"condition_field": _("Choose the e-form field whose answer this value is.")}
    if not value:
        return {"condition_value": _("Give the answer for which this fee is charged.")}
    if field_key not in form_fields:
        known = ", ".join(sorted(form_fields)) or "–"
        return {
            "condition_field": _("The procedure has no e-form field “%(key)s” (its fields: %(known)s).")
            % {"key": field_key, "known": known}
        }
    is_choice, choices = form_fields[field_key]
    if is_choice and value not in choices:
        return {
            "condition_value": _("“%(value)s” is not an option of the field “%(key)s”: %(choices)s.")
            % {"value": value, "key": field_key, "choices": "; ".join(choices)}
        }
    return None
