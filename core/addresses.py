"""Today's administrative units (34 provinces, 3,321 communes and wards) from vietnam-provinces."""

from functools import lru_cache

from django.utils.translation import gettext as _
from vietnam_provinces import Province, Ward


@lru_cache(maxsize=1)
def provinces() -> dict[int, Province]:
    return {int(p.code): p for p in Province.iter_all()}


@lru_cache(maxsize=1)
def wards() -> dict[int, Ward]:
    return {int(w.code): w for w in Ward.iter_all()}


def wards_of(province_code: int) -> list[Ward]:
    return [w for w in wards().values() if int(w.province_code) == int(province_code)]


def address_error(province_code: int | None, ward_code: int | None) -> str | None:
    """Why the pair is not a valid address of today's units, or None."""
    if province_code is None:
        return _("Choose the province before the commune.") if ward_code is not None else None
    if int(province_code) not in provinces():
        return _("%(code)s is not a province code.") % {"code": province_code}
    if ward_code is None:
        return None
    ward = wards().get(int(ward_code))
    if ward is None:
        return _("%(code)s is not a commune or ward code.") % {"code": ward_code}
    if int(ward.province_code) != int(province_code):
        return _("%(ward)s is not in %(province)s.") % {
            "ward": ward.name,
            "province": provinces()[int(province_code)].name,
        }
    return None


def format_address(street: str, province_code: int | None, ward_code: int | None) -> str:
    parts = [street] if street else []
    if ward_code and int(ward_code) in wards():
        parts.append(wards()[int(ward_code)].name)
    if province_code and int(province_code) in provinces():
        parts.append(provinces()[int(province_code)].name)
    return ", ".join(parts)
