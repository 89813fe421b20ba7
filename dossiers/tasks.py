from django_tasks import task


@task(queue_name="documents")
def store_receipt(dossier_id: int) -> int:
    """Render and store a new dossier's receipt (see dossiers.receipts); returns the file's id."""
    from .models import Dossier
    from .receipts import receipt_file

    dossier = Dossier.objects.filter(pk=dossier_id).first()
    return receipt_file(dossier).pk if dossier is not None and dossier.code else 0
