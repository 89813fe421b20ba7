"""Digitization at the counter: a paper component scanned by the receiving officer becomes a digitized file.

The national portal keeps, per file, whether it was digitized at the counter, and per dossier whether it
has digitized components; the statistics count both (``stats.tally``). A digitized file also records its
content hash, the identity the wallet and the verification page rely on. Sealing it with the receiving
unit's signature comes with the signer (not here).
"""

import hashlib

from .models import Dossier, DossierFile

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
    stored.digitized = True
    stored.sha256 = content_sha256(scan)
    stored.file.save(name, scan, save=False)
    written.append(stored.file)
    stored.save()
    if not dossier.has_digitized_components:
        Dossier.objects.filter(pk=dossier.pk).update(has_digitized_components=True)
        dossier.has_digitized_components = True
    return stored
