"""What a dossier owes: the one place fees are computed, on the server, from the catalog.

Today: every fee line of the procedure without a condition ("applies when" left blank) and with an
amount. Lines with a condition (first issue or renewal, online or at the counter, per page …) are
alternatives that depend on the applicant's answers: they are not charged until the rules choosing
among them (an e-form answer, an officer's exemption with its reason) come here, next.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FeeLine:
    fee_id: int | None
    name: str
    amount: int  # VND

    def as_json(self) -> dict:
        return {"fee_id": self.fee_id, "name": self.name, "amount": self.amount}


@dataclass(frozen=True)
class Fees:
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def fees_for(dossier) -> Fees:
    """The fee lines ``dossier`` pays, in the catalog's order."""
    fees = dossier.procedure.fees.filter(applies_when="", amount__gt=0).order_by("position", "id")
    return Fees(tuple(FeeLine(fee.pk, fee.name, fee.amount) for fee in fees))
