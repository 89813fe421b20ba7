"""Digitization at the counter: a paper component scanned by the receiving officer becomes a digitized file.

The national portal keeps, per file, whether it was digitized at the counter, and per dossier whether it
has digitized components; the statistics count both (``stats.tally``). A digitized file also records its
content hash, the identity the wallet and the verification page rely on, and is sealed by the receiving
unit (an invisible PAdES signature of the agency): a scanned photo becomes a one-page PDF to carry it.
"""

from pathlib import PurePath

from django.utils import timezone

from documents.capture import pages_to_pdf
from documents.uploads import PDF

from .models import Dossier, DossierFile
from .signing import sign_document


def store_counter_scan(dossier: Dossier, stored: DossierFile, scan, *, written: list) -> DossierFile:
    """Save ``stored`` (a component file of ``dossier``, not yet saved) with the counter's ``scan`` as its
    content (stored under its hash, ``DossierFile.store_content``), marked digitized, and mark the
    dossier as having digitized components.

    Call it inside the transaction that records the scan; ``written`` collects the stored file, to be
    removed if that transaction fails (``actions.files.files_removed_on_failure``).
    """
    scan.seek(0)
    if stored.content_type == PDF:
        pdf = scan.read()
    else:  # a photo or an image scan: one page of a PDF, which can carry the seal
        pdf = pages_to_pdf([scan])
        stored.original_name = str(PurePath(stored.original_name).with_suffix(".pdf"))[:255]
        stored.content_type = PDF
    sealed, fields = sign_document(pdf, dossier.agency, timezone.now(), visible=False)
    for field, value in fields.items():
        setattr(stored, field, value)
    stored.digitized = True
    stored.size = len(sealed)
    stored.store_content(sealed, "pdf")
    written.append(stored.file)
    stored.save()
    if not dossier.has_digitized_components:
        Dossier.objects.filter(pk=dossier.pk).update(has_digitized_components=True)
        dossier.has_digitized_components = True
    return stored
