"""Vietnamese date and time wording of the forms (Asia/Ho_Chi_Minh, 24-hour clock)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

#: What a paper form prints where a value is not known yet (to be filled in by hand).
BLANK = "…………"


def local(value: datetime) -> datetime:
    """Aware datetimes are converted to Vietnamese time; naive ones are taken as already local."""
    return value.astimezone(VN_TZ) if value.tzinfo is not None else value


def aware(value: datetime) -> datetime:
    """The same instant, aware, in Vietnamese time (naive values are taken as Vietnamese time)."""
    return value.astimezone(VN_TZ) if value.tzinfo is not None else value.replace(tzinfo=VN_TZ)


def start_of_day(value: date) -> datetime:
    return datetime.combine(value, time(0), tzinfo=VN_TZ)


def fmt_date(value: date | datetime | None) -> str:
    """05/03/2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def fmt_time(value: datetime | None) -> str:
    """08:05 (24-hour)."""
    if value is None:
        return ""
    value = local(value)
    return f"{value.hour:02d}:{value.minute:02d}"


def fmt_datetime(value: datetime | None) -> str:
    """08:05 05/03/2026."""
    if value is None:
        return ""
    return f"{fmt_time(value)} {fmt_date(value)}"


def fmt_clock(value: datetime | None) -> str:
    """The forms' wording: "08 giờ 05 phút, ngày 05/03/2026"."""
    if value is None:
        return BLANK
    value = local(value)
    return f"{value.hour:02d} giờ {value.minute:02d} phút, ngày {fmt_date(value)}"


def date_line(place: str, value: date | datetime) -> str:
    """The place and date line under the national motto: "Quảng Ninh, ngày 05 tháng 3 năm 2026".

    Decree 30/2020/NĐ-CP (Appendix I, II.5.b): days below 10 and the months 1 and 2 take a leading zero.
    """
    if isinstance(value, datetime):
        value = local(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def nfc(text: str) -> str:
    """Vietnamese typed with combining marks (NFD) is recomposed so every letter has its own glyph."""
    return unicodedata.normalize("NFC", text)


def label(mapping: dict[str, str], value: str) -> str:
    """A code from ``mapping`` printed as its Vietnamese label; any other text printed as given."""
    return mapping.get(value, value)


def fmt_vnd(amount: int) -> str:
    """``135000`` → ``135.000 đồng``: dots group the thousands, as Vietnamese documents write sums."""
    return f"{amount:,}".replace(",", ".") + " đồng"
