"""The receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả) kept with each dossier.

Rendering the PDF costs about a tenth of a second of CPU: too much to add to every submission and
reception, which the province wants answered at once. The transaction that gives a dossier its code
queues :func:`dossiers.tasks.store_receipt` (a row of the durable task queue, committed with it); the
worker renders and stores the receipt a moment later. Whoever asks for the receipt first, before the
worker got there, has it rendered and stored on the spot. Either way exactly one receipt is stored.
"""

from django.db import transaction

from .documents import receipt_pdf, store_sealed
from .models import Dossier, DossierFile


def queue_receipt(dossier: Dossier) -> None:
    """Plan the receipt of a dossier that just got its code (call inside that transaction)."""
    from .tasks import store_receipt

    store_receipt.enqueue(dossier.pk)


def stored_receipt(dossier: Dossier) -> DossierFile | None:
    return dossier.files.filter(kind=DossierFile.Kind.RECEIPT).order_by("id").first()


def receipt_file(dossier: Dossier) -> DossierFile:
    """The dossier's stored receipt, rendered and stored now if it is not there yet."""
    existing = stored_receipt(dossier)
    if existing is not None:
        return existing
    with transaction.atomic():
        # One writer per dossier: the worker and a download racing each other store one receipt.
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        existing = stored_receipt(locked)
        if existing is not None:
            return existing
        return store_sealed(
            locked, DossierFile.Kind.RECEIPT, receipt_pdf(locked), f"giay-tiep-nhan-{locked.code}.pdf"
        )
