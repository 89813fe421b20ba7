"""What a dossier owes: the one place fees are computed, on the server, from the catalog.

A fee line of the procedure (with an amount) is charged when:

* it has a condition (``condition_field``/``condition_value``): the applicant's e-form answer to that
  field is that value (first issue or renewal, …); the lines of one field are its alternatives;
* it has no condition and no description (``applies_when``): always.

A line with only a description is a case the system cannot tell (per page, per batch, …): it is shown
on the procedure page but not charged. An officer's exemption (``FeeExemption``, with its reason)
makes one line, or all of them, charge nothing; the line stays listed with the reason.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dossiers.domain.lifecycle import Action

from .domain.states import PaymentState


@dataclass(frozen=True)
class FeeLine:
    fee_id: int | None
    name: str
    amount: int  # VND, as the catalog lists it
    exemption: str = ""  # the reason, when an officer exempted the applicant from this line

    @property
    def exempted(self) -> bool:
        return bool(self.exemption)

    @property
    def due(self) -> int:
        return 0 if self.exempted else self.amount

    def as_json(self) -> dict:
        """What a payment keeps of the line: ``amount`` is what is due (0 when exempted)."""
        line = {"fee_id": self.fee_id, "name": self.name, "amount": self.due}
        if self.exempted:
            line.update(listed_amount=self.amount, exemption=self.exemption)
        return line


@dataclass(frozen=True)
class Fees:
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> int:
        """What is due, exemptions deducted."""
        return sum(line.due for line in self.lines)

    @property
    def listed_total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def has_exemptions(self) -> bool:
        return any(line.exempted for line in self.lines)

    def as_api(self) -> dict:
        """As the dossier APIs give it (``payments.schemas.FeesOut``)."""
        return {
            "lines": [
                {
                    "fee_id": line.fee_id,
                    "name": line.name,
                    "amount": line.amount,
                    "due": line.due,
                    "exemption": line.exemption,
                }
                for line in self.lines
            ],
            "total": self.total,
        }


def is_charged(fee, answers: Mapping) -> bool:
    """Whether catalog ``fee`` applies to a dossier whose e-form answers are ``answers``."""
    if fee.amount <= 0:
        return False
    if fee.condition_field:
        answer = answers.get(fee.condition_field)
        return answer is not None and str(answer).strip() == fee.condition_value.strip()
    return not fee.applies_when.strip()


def compute_fees(catalog_fees: Iterable, answers: Mapping, exemptions: Iterable = ()) -> Fees:
    """The lines charged among ``catalog_fees`` (in the catalog's order) for these e-form ``answers``,
    with ``exemptions`` (``FeeExemption``-like: ``whole``, ``fee_id``, ``reason``) applied."""
    whole = ""
    by_fee = {}
    for exemption in exemptions:
        if exemption.whole:
            whole = exemption.reason
        else:
            by_fee[exemption.fee_id] = exemption.reason
    fees = sorted(catalog_fees, key=lambda fee: (fee.position, fee.id))
    return Fees(
        tuple(
            FeeLine(fee.pk, fee.name, fee.amount, whole or by_fee.get(fee.pk, ""))
            for fee in fees
            if is_charged(fee, answers or {})
        )
    )


def catalog_fees(procedure) -> Fees:
    """The lines every applicant of ``procedure`` pays, whatever they answer (the procedure page's
    "at least" total): the lines without a condition or description."""
    return compute_fees(procedure.fees.all(), {})


def fees_for(dossier) -> Fees:
    """The fee lines ``dossier`` pays, in the catalog's order, with its exemptions."""
    return compute_fees(dossier.procedure.fees.all(), dossier.form_data or {}, dossier.fee_exemptions.all())


def fees_unpaid(dossier) -> bool:
    """Whether something is due for ``dossier`` and nothing says it was paid: no online payment stands
    (paid, not refunded), and no payment was recorded in its lifecycle (``pay_fees``: at the counter,
    after the officer requested the fees)."""
    if dossier.payments.filter(state=PaymentState.PAID).exists():
        return False
    if dossier.log.filter(action=Action.PAY_FEES).exists():
        return False
    return fees_for(dossier).total > 0
