"""Digitization at the counter: a paper component scanned by the receiving officer becomes a digitized file.

The national portal keeps, per file, whether it was digitized at the counter, and per dossier whether it
has digitized components; the statistics count both (``stats.tally``). A digitized file also records its
content hash, the identity the wallet and the verification page rely on, and is sealed by the receiving
unit (an invisible PAdES signature of the agency): a scanned photo becomes a one-page PDF to carry it.
"""

import hashlib
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.capture import pages_to_pdf
from documents.uploads import PDF

from .models import Dossier, DossierFile
from .signing import sign_document

_CHUNK = 1024 * 1024


def content_sha256(content) -> str:
    """The SHA-256 (hex) of ``content``: bytes, or a Django file (an upload, a stored file) read from its
    start and left at its start again."""
    if isinstance(content, bytes | bytearray | memoryview):
        return hashlib.sha256(content).hexdigest()
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in content.chunks(_CHUNK):
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def store_counter_scan(
    dossier: Dossier, stored: DossierFile, scan, name: str, *, written: list
) -> DossierFile:
    """Save ``stored`` (a component file of ``dossier``, not yet saved) with the counter's ``scan`` as its
    content (stored under ``name``), marked digitized with its hash, and mark the dossier as having
    digitized components.

    Call it inside the transaction that records the scan; ``written`` collects the stored file, to be
    removed if that transaction fails (``actions.files.files_removed_on_failure``).
    """
    scan.seek(0)
    if stored.content_type == PDF:
        pdf = scan.read()
    else:  # a photo or an image scan: one page of a PDF, which can carry the seal
        pdf = pages_to_pdf([scan])
        name = str(PurePath(name).with_suffix(".pdf"))
        stored.original_name = str(PurePath(stored.original_name).with_suffix(".pdf"))[:255]
        stored.content_type = PDF
    sealed, fields = sign_document(pdf, dossier.agency, timezone.now(), visible=False)
    for field, value in fields.items():
        setattr(stored, field, value)
    stored.digitized = True
    stored.size = len(sealed)
    stored.sha256 = content_sha256(sealed)
    stored.file.save(name, ContentFile(sealed), save=False)
    written.append(stored.file)
    stored.save()
    if not dossier.has_digitized_components:
        Dossier.objects.filter(pk=dossier.pk).update(has_digitized_components=True)
        dossier.has_digitized_components = True
    return stored
