from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .domain.gateway import StoredPayment
from .domain.states import PaymentState

PAYMENT_STATE_CHOICES = [(state.value, state.label) for state in PaymentState]


class Method(models.TextChoices):
    ONLINE = "online", _("Online, through the payment gateway")
    CASH = "cash", _("Cash at the counter")
    CARD = "card", _("Card at the counter")


class Payment(models.Model):
    """One payment of a dossier's fees: online through a gateway, or at the counter (cash or card,
    recorded by the counter officer, ``payments.counter``); what was asked, and what became of it.

    The amount and the fee lines are a snapshot taken when the payment started (the catalog may change
    afterwards). The state changes only through ``payments.services``, each change with its
    :class:`PaymentEvent` in the same transaction.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    #: [{"fee_id": …, "name": …, "amount": …}, …] as computed by ``payments.fees.fees_for``.
    fee_lines = models.JSONField(_("fee lines"), default=list)
    gateway = models.CharField(_("gateway"), max_length=100)
    method = models.CharField(
        _("payment method"), max_length=8, choices=Method.choices, default=Method.ONLINE
    )
    #: The card terminal's slip reference of a card payment at the counter (optional).
    card_slip = models.CharField(_("card slip reference"), max_length=64, blank=True)
    #: What went back to the payer so far, through the gateway's refund API (``payments.refunds``).
    refunded_amount = models.PositiveBigIntegerField(_("refunded (VND)"), default=0)
    #: The e-receipt, sealed by the collecting agency and kept with the dossier (``payments.receipts``).
    receipt = models.OneToOneField(
        "dossiers.DossierFile",
        verbose_name=_("e-receipt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_payment",
    )
    #: The receipt's series and number as printed ("MC-26E 0000001"), unique per agency and year.
    receipt_number = models.CharField(_("receipt number"), max_length=32, blank=True)
    #: Our reference at the gateway (VNPay's vnp_TxnRef), unique for ever, not only within a day.
    txn_ref = models.CharField(_("reference"), max_length=32, unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=PAYMENT_STATE_CHOICES, default=PaymentState.PENDING
    )
    gateway_transaction_no = models.CharField(_("gateway transaction number"), max_length=64, blank=True)
    bank_code = models.CharField(_("bank"), max_length=32, blank=True)
    gateway_response_code = models.CharField(_("gateway response code"), max_length=8, blank=True)
    #: The address the citizen was sent to (no secret in it), to continue an unfinished payment.
    redirect_url = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"))
    expires_at = models.DateTimeField(_("expires at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Reconciliation: the payments still pending, oldest first.
            models.Index(fields=["state", "created_at"], name="payment_state_created"),
            # A dossier's payments, newest first (its pages, the pending one).
            models.Index(fields=["dossier", "-created_at"], name="payment_dossier_created"),
        ]
        constraints = [
            # Never two live payments of one dossier: the citizen cannot be charged twice by two tabs.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(state=PaymentState.PENDING),
                name="payment_one_pending_per_dossier",
            ),
        ]

    def __str__(self):
        return self.txn_ref

    @property
    def state_label(self):
        return PaymentState(self.state).label

    @property
    def refundable_amount(self) -> int:
        return self.amount - self.refunded_amount

    def stored(self) -> StoredPayment:
        """What the gateway's word is checked against."""
        return StoredPayment(
            reference=self.txn_ref, amount=self.amount, state=self.state, created_at=self.created_at
        )


class ReceiptCounter(models.Model):
    """The last receipt number given out per collecting agency and year (gap-free, like dossier codes:
    the row is locked by its upsert until the transaction that issues the receipt ends)."""

    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_receipt_counter")]

    def __str__(self):
        return f"{self.agency_id} {self.year}: {self.last_number}"


class PaymentEvent(models.Model):
    """One change of a payment: from which state to which, on whose word, with what the gateway sent
    (its signature left out). The browser's return from the gateway never changes a payment, so it
    is never a source; an officer will be (counter payments, refunds)."""

    class Source(models.TextChoices):
        CITIZEN = "citizen", _("the applicant started it")
        IPN = "ipn", _("the gateway's notification (IPN)")
        RECONCILIATION = "reconciliation", _("reconciliation with the gateway")
        OFFICER = "officer", _("an officer")

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=20, choices=PAYMENT_STATE_CHOICES, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=PAYMENT_STATE_CHOICES)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    #: The officer who made the change (a counter payment, a refund); none for the gateway's word.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["payment", "at"], name="payment_event_payment_at")]

    def __str__(self):
        return f"{self.payment_id}: {self.from_state or '–'} → {self.to_state}"


class SandboxTransaction(models.Model):
    """The sandbox gateway's own memory of a transaction (``payments.sandbox``): what a real gateway
    keeps on its side, so that it can answer the transaction query. Only the sandbox writes it."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Pay successfully")
        FAIL = "fail", _("Fail (insufficient balance)")
        CANCEL = "cancel", _("Cancel the payment")

    class Ipn(models.TextChoices):
        NOW = "now", _("Send the notification (IPN) now")
        DELAY = "delay", _("Send the notification (IPN) later")
        DROP = "drop", _("Never send the notification (IPN)")

    txn_ref = models.CharField(max_length=100, unique=True)
    #: The payment request as the merchant sent it (vnp_Amount still × 100).
    request = models.JSONField(default=dict)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    ipn = models.CharField(max_length=8, choices=Ipn.choices, blank=True)
    transaction_no = models.CharField(max_length=16, blank=True)
    pay_date = models.CharField(max_length=14, blank=True)
    #: The merchant's answer to the last IPN sent (RspCode), or the error reaching it.
    ipn_answer = models.CharField(max_length=200, blank=True)
    #: What the sandbox refunded of it so far, in VND × 100 (as the refund API counts).
    refunded = models.PositiveBigIntegerField(default=0)
    #: The refund requests' ids seen, to answer a repeated one "94 duplicate request" as VNPay does.
    refund_request_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox transaction")
        verbose_name_plural = _("sandbox transactions")

    def __str__(self):
        return self.txn_ref


class FeeExemption(models.Model):
    """An officer's exemption of a dossier from one fee line, or from all its fees (``fee`` empty and
    ``whole`` set), with the reason. Written only by ``payments.exemptions.exempt_fees``, with the
    dossier's process-log row; ``fees.fees_for`` charges nothing for what it exempts."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="fee_exemptions"
    )
    whole = models.BooleanField(_("all the fees"), default=False)
    # The catalog may change afterwards: the line's name is kept, and a deleted line leaves the row.
    fee = models.ForeignKey(
        "catalog.Fee",
        verbose_name=_("fee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_name = models.CharField(_("fee"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("fee exemption")
        verbose_name_plural = _("fee exemptions")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "fee"], condition=Q(whole=False), name="fee_exemption_once_per_line"
            ),
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(whole=True), name="fee_exemption_once_whole"
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.fee_name if not self.whole else '*'}"
