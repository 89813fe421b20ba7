"""Files stored before content addressing: hashed and moved under their content's name, once."""

from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction

from documents.storage import release_on_commit
from documents.uploads import EXTENSIONS

from .models import DossierFile


@dataclass
class Addressed:
    moved: int = 0
    missing: int = 0  # rows whose stored file is not in the storage (reported, left as they are)


def address_by_content() -> Addressed:
    """Give every dossier file without a SHA-256 its hash and its content-addressed name; its old stored
    file is released (deleted unless another row still refers to it). Safe to run again."""
    result = Addressed()
    pending = DossierFile.objects.filter(sha256="").exclude(file="").values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            row = DossierFile.objects.select_for_update().filter(pk=pk, sha256="").first()
            if row is None:
                continue  # addressed meanwhile
            old = row.file.name
            if not row.file.storage.exists(old):
                result.missing += 1
                continue
            extension = EXTENSIONS.get(row.content_type) or PurePath(old).suffix.lower().lstrip(".") or "bin"
            with row.file.storage.open(old, "rb") as content:
                row.store_content(content, extension)
            row.save(update_fields=["file", "sha256"])
            release_on_commit(old)
            result.moved += 1
    return result
