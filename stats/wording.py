"""How the reports word their figures, their period and what they cover, in the active language."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from catalog.constants import AdministrativeLevel
from catalog.models import Agency, Procedure, Sector
from dossiers.constants import Channel

from .domain.periods import Period, PeriodKind
from .queries import Scope


def format_count(value: int | float | Decimal) -> str:
    """``12345`` → ``12.345`` (the Vietnamese grouping, as the amounts of money are printed);
    ``2.5`` → ``2,5``."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    text = f"{number.normalize():,f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def period_title(period: Period) -> str:
    """ "Tháng 03/2026", "Quý 1 năm 2026", "6 tháng đầu năm 2026", "Năm 2026", "Từ ngày … đến ngày …"."""
    year = period.first.year
    if period.kind == PeriodKind.MONTH:
        return _("Month %(month)s") % {"month": f"{period.first.month:02d}/{year}"}
    if period.kind == PeriodKind.QUARTER:
        return _("Quarter %(number)s of %(year)s") % {"number": period.number, "year": year}
    if period.kind == PeriodKind.HALF:
        if period.number == 1:
            return _("First six months of %(year)s") % {"year": year}
        return _("Last six months of %(year)s") % {"year": year}
    if period.kind == PeriodKind.YEAR:
        return _("Year %(year)s") % {"year": year}
    return _("From %(first)s to %(last)s") % {
        "first": f"{period.first:%d/%m/%Y}",
        "last": f"{period.last:%d/%m/%Y}",
    }


def scope_title(scope: Scope) -> str:
    """What a report covers: the province, or its agencies by name, then the level, sector, procedure
    and channel it is narrowed to, separated by dashes."""
    if scope.agency_ids is None:
        parts = [settings.MOTCUA_BRANDING["province_name"]]
    else:
        names = Agency.objects.filter(pk__in=sorted(scope.agency_ids)).order_by("name")
        parts = [", ".join(names.values_list("name", flat=True))]
    if scope.level:
        parts.append(str(AdministrativeLevel(scope.level).label))
    if scope.sector_id is not None:
        parts.extend(Sector.objects.filter(pk=scope.sector_id).values_list("name", flat=True))
    if scope.procedure_id is not None:
        parts.extend(Procedure.objects.filter(pk=scope.procedure_id).values_list("name", flat=True))
    if scope.channel is not None:
        parts.append(str(Channel(scope.channel).label))
    return " – ".join(part for part in parts if part)
