"""The postal fee of returning a result by post: a province-wide tariff, quoted to the applicant.

Decisions (issue 13, section 7):

* **One tariff for the province**, not a fee per procedure: the post charges the agency's contract price
  for a result's envelope whatever the procedure. Two amounts, from the environment:
  MOTCUA_POSTAL_FEE_WITHIN_PROVINCE (an address in the agency's province) and
  MOTCUA_POSTAL_FEE_OTHER_PROVINCE (anywhere else in Việt Nam), in đồng. An agency without a province
  code charges the first.
* **Paid on delivery**: the fee is not among the dossier's fees paid online; the post collects it from
  the applicant when it hands over the result. The shipment carries it as its postal fee and as its
  cash-on-delivery amount (``postal.services.create_shipment``); the officer may change both.
* The quote is read when it is shown (the delivery step, the summary, the dossier pages) and when the
  shipment is created: a tariff changed in between applies to the shipment.
"""

from dataclasses import dataclass

from django.conf import settings

from dossiers.constants import ResultDelivery
from dossiers.submission import DELIVERY_ADDRESS_KEY


@dataclass(frozen=True)
class Tariff:
    within_province: int
    other_province: int

    def fee(self, sender_province: int | None, receiver_province: int | None) -> int:
        """The fee of an envelope from ``sender_province`` to ``receiver_province`` (codes of today's
        units); an unknown province on either side is charged as within the province."""
        if sender_province and receiver_province and int(sender_province) != int(receiver_province):
            return self.other_province
        return self.within_province


def configured_tariff() -> Tariff:
    return Tariff(
        within_province=int(settings.MOTCUA_POSTAL_FEE_WITHIN_PROVINCE),
        other_province=int(settings.MOTCUA_POSTAL_FEE_OTHER_PROVINCE),
    )


def delivery_province(dossier) -> int | None:
    """The province of the address the result is posted to: the one chosen at the delivery step, else
    the applicant's own."""
    structured = (dossier.form_data or {}).get(DELIVERY_ADDRESS_KEY) or {}
    return structured.get("province_code") or dossier.applicant_province_code


def postal_fee(dossier) -> int | None:
    """The postal fee quoted for ``dossier``'s result, or None when it is not returned by post."""
    if dossier.result_delivery != ResultDelivery.POST:
        return None
    return configured_tariff().fee(dossier.agency.province_code, delivery_province(dossier))
