"""What the dossiers know of a dossier's fees: the lines it pays and whether they are still unpaid.

Fees are computed and paid in the payments app (``payments.fees``), a higher layer than the dossiers;
it registers its answers at start-up (``PaymentsConfig.ready``). The dossiers ask here:

* the receipt prints the fee lines (``fee_lines``);
* a procedure whose fees are paid at submission (``Procedure.payment_timing``) is not processed past
  reception until they are paid (``fees_unpaid``, asked before an action moving into processing).
"""

from collections.abc import Callable
from dataclasses import dataclass

from catalog.constants import PaymentTiming


@dataclass(frozen=True)
class FeeFacts:
    unpaid: Callable  # (dossier) -> bool: something is due and no payment of it stands
    lines: Callable  # (dossier) -> payments.fees.Fees


_facts: FeeFacts | None = None


def register(facts: FeeFacts) -> None:
    global _facts
    _facts = facts


def _registered() -> FeeFacts:
    if _facts is None:  # never silently skip the rule
        raise RuntimeError("No payments app registered its fee facts (dossiers.fee_facts.register).")
    return _facts


def pays_at_submission(dossier) -> bool:
    return dossier.procedure.payment_timing == PaymentTiming.AT_SUBMISSION


def fees_unpaid(dossier) -> bool:
    """Whether ``dossier``'s procedure takes its fees at submission and they are not paid yet."""
    return pays_at_submission(dossier) and _registered().unpaid(dossier)


def fee_lines(dossier):
    """The fees ``dossier`` pays (``lines`` of name, amount, due and exemption; ``total``)."""
    return _registered().lines(dossier)
