from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.outbox import OutboxMessage

from .domain import ShipmentState


class Shipment(models.Model):
    """A dossier's result on its way to the applicant by post: the order given to a carrier, the
    addresses as they were printed, and where the parcel is."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="shipments"
    )
    carrier = models.CharField(_("carrier"), max_length=100)
    #: Ours, sent to the carrier as its ``OrderNumber``; the webhook names the shipment by it.
    order_number = models.CharField(_("order number"), max_length=40, unique=True)
    #: The carrier's (its item code); blank until the carrier has accepted the order.
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True, db_index=True)
    #: Snapshots ``{"name", "phone", "address", "province_code", "ward_code"}``: the label and the order
    #: keep what was sent even if the dossier or the agency change later.
    sender = models.JSONField(_("sender"))
    receiver = models.JSONField(_("receiver"))
    cod_amount = models.PositiveBigIntegerField(_("cash on delivery (VND)"), default=0)
    postal_fee = models.PositiveBigIntegerField(_("postal fee (VND)"), default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=ShipmentState.choices, default=ShipmentState.CREATED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "updated_at"], name="shipment_state")]
        constraints = [
            # One parcel on its way per dossier; a new one only after the post returned the last.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(state=ShipmentState.RETURNED_TO_SENDER),
                name="one_open_shipment_per_dossier",
            )
        ]

    def __str__(self):
        return f"{self.order_number} ({self.get_state_display()})"

    @property
    def barcode_number(self) -> str:
        """What the label's barcode carries: the carrier's number once known, else ours."""
        return self.tracking_number or self.order_number


class ShipmentEvent(models.Model):
    """One state of a shipment, as the carrier's webhook or an officer reported it."""

    class Source(models.TextChoices):
        CARRIER = "carrier", _("Carrier (webhook)")
        OFFICER = "officer", _("Officer")

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("state"), max_length=20, choices=ShipmentState.choices)
    at = models.DateTimeField(_("at"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    raw = models.JSONField(_("carrier's report"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")
        ordering = ["at", "id"]
        constraints = [
            # Each state once: a replayed report can never be recorded twice, even by two at once.
            models.UniqueConstraint(fields=["shipment", "state"], name="one_event_per_shipment_state")
        ]

    def __str__(self):
        return f"{self.shipment_id}: {self.get_state_display()} {self.at:%d/%m/%Y %H:%M}"


class CarrierOrder(OutboxMessage):
    """The order of one shipment, handed to its carrier by the outbox (``core.outbox``): committed with
    the officer's action, retried until the carrier accepts it."""

    shipment = models.OneToOneField(Shipment, on_delete=models.CASCADE, related_name="order")
    #: The neutral order (``postal.orders.order_for``), frozen: every attempt sends the same.
    payload = models.JSONField(_("order"))

    class Meta(OutboxMessage.Meta):
        verbose_name = _("carrier order")
        verbose_name_plural = _("carrier orders")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.payload.get('order_number', '')} → {self.shipment.carrier}"

    def send(self) -> None:
        from .carriers import get_carrier

        accepted = get_carrier(self.shipment.carrier).send_order(self.payload, idempotency_key=str(self.uuid))
        Shipment.objects.filter(pk=self.shipment_id).update(tracking_number=accepted.tracking_number[:40])
