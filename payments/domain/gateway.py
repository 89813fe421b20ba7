"""What a payment gateway tells us, in words that do not depend on the gateway: every provider
(``payments.gateways``) reads its protocol into these values, and the services act on them alone."""

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Outcome(enum.StrEnum):
    """What to do with the stored payment."""

    PAID = "paid"
    FAILED = "failed"
    #: Change nothing (a refused callback, or a word that settles nothing yet).
    NOTHING = "nothing"


@dataclass(frozen=True)
class SubjectLine:
    """One fee line of what a payment pays for."""

    code: str  # the catalog's fee (its id, as text)
    name: str
    amount: int  # VND


@dataclass(frozen=True)
class PaymentSubject:
    """What a payment pays for, for the gateways that print a receipt (the national platform's
    ``ThongTinBienLai``): the dossier, its procedure and agency, the payer and the fee lines."""

    dossier_code: str
    procedure_code: str
    agency_code: str
    payer_name: str
    payer_id_number: str
    payer_address: str
    lines: tuple[SubjectLine, ...]


@dataclass(frozen=True)
class PaymentOrder:
    """One payment as the gateway is asked for it."""

    reference: str  # unique: VNPay's vnp_TxnRef
    amount: int  # VND
    description: str  # what the payment is for, in Vietnamese (the protocol may strip the diacritics)
    created_at: datetime
    expires_at: datetime
    return_url: str
    ip_address: str
    locale: str = "vn"
    subject: PaymentSubject | None = None


@dataclass(frozen=True)
class StoredPayment:
    """What the gateway's word is checked against: our record of the payment."""

    reference: str
    amount: int  # VND
    state: str  # a PaymentState value
    created_at: datetime
    description: str = ""


@dataclass(frozen=True)
class GatewayFacts:
    """The gateway's own details of a transaction, kept with the payment."""

    transaction_no: str = ""
    bank_code: str = ""
    response_code: str = ""
    paid_at: datetime | None = None


@dataclass(frozen=True)
class CallbackDecision:
    """The answer to a server-to-server callback (VNPay's IPN) and what to do with the payment.

    ``answer`` is the body the gateway expects back; ``outcome`` is acted on only when ``accepted``.
    """

    code: str
    answer: dict
    outcome: Outcome = Outcome.NOTHING
    facts: GatewayFacts = field(default_factory=GatewayFacts)

    @property
    def accepted(self) -> bool:
        return self.outcome is not Outcome.NOTHING


@dataclass(frozen=True)
class ReturnReading:
    """The browser's return from the gateway: for display only, never to mark a payment paid."""

    verified: bool
    reference: str = ""
    gateway_says_paid: bool = False
    response_code: str = ""


class QueryStatus(enum.StrEnum):
    """The gateway's answer to "what became of this payment?" (VNPay's querydr)."""

    PAID = "paid"
    FAILED = "failed"
    UNFINISHED = "unfinished"  # started, not completed (the citizen may still be on the bank's page)
    NOT_FOUND = "not_found"  # the gateway never saw it (the citizen never reached it)
    UNKNOWN = "unknown"  # an error, a bad checksum, an amount that does not match: ask again later


@dataclass(frozen=True)
class QueryReading:
    status: QueryStatus
    code: str = ""
    facts: GatewayFacts = field(default_factory=GatewayFacts)
    detail: str = ""
    #: The gateway's answer as it came, its signature left out (kept in the payment's log).
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RefundReading:
    """The gateway's answer to a refund request: ``accepted`` when it took the refund (the money goes
    back); otherwise ``code`` and ``detail`` say why not (kept in the log, shown to the officer)."""

    accepted: bool
    code: str = ""
    detail: str = ""
    transaction_no: str = ""
    #: The gateway's answer as it came, its signature left out (kept in the payment's log).
    raw: dict = field(default_factory=dict)
