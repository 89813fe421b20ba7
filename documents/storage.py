"""Stored files named by their content, and deleted only when nothing uses them any more.

:func:`store` names a file ``files/<2 hex>/<sha256>.<ext>`` after the SHA-256 of its bytes: the same
bytes stored twice (one scan uploaded in two dossiers, a wallet document reused) are one stored file,
written once, never a suffixed duplicate. Knowing a dossier still never gives a file's address: the
name is as unguessable as a random one to whoever does not already hold the content, and files are
served only by views that authorized the request (``core.downloads``).

Since one stored file may serve several rows, nothing deletes a stored file directly: :func:`release`
deletes it only when no model's file field refers to its name any more.

On PostgreSQL an advisory lock per name keeps the two apart: :func:`store` takes it shared until the end
of the transaction that saves the row, :func:`release` takes it exclusively, so a release never deletes
a file that a transaction not yet committed has just pointed a row at. (SQLite runs one writing
transaction at a time, which gives the same.)
"""

import hashlib
import re

from django.apps import apps
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction

#: Where content-addressed files live in the storage.
FOLDER = "files"
_EXTENSION = re.compile(r"^[a-z0-9]{1,5}$")


def content_name(sha256: str, extension: str) -> str:
    """The stored name of content whose SHA-256 is ``sha256``: ``files/<2 hex>/<sha256>.<ext>``."""
    if not _EXTENSION.match(extension):
        raise ValueError(f"Not a file extension: {extension!r}")
    return f"{FOLDER}/{sha256[:2]}/{sha256}.{extension}"


def _as_file(content) -> File:
    if isinstance(content, bytes | bytearray | memoryview):
        return ContentFile(bytes(content))
    return content if isinstance(content, File) else File(content)


def sha256_of(content) -> str:
    """The SHA-256 (hex) of ``content`` (bytes or a file), read in chunks; a file is left at 0."""
    content = _as_file(content)
    digest = hashlib.sha256()
    for chunk in content.chunks():  # from the start
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def store(field_file, content, extension: str) -> str:
    """Point ``field_file`` (a model's FieldFile, not saved yet) at ``content`` stored under its SHA-256,
    writing it through the field's storage only if no file has that name yet; returns the SHA-256.

    Call it inside the transaction that saves the row (see the module's note on locking).
    """
    content = _as_file(content)
    sha256 = sha256_of(content)
    name = content_name(sha256, extension)
    storage = field_file.storage
    with transaction.atomic():
        _lock(name, shared=True)
        if not storage.exists(name):
            saved = storage.save(name, content)
            if saved != name:  # written meanwhile by another request: the same bytes, keep one
                storage.delete(saved)
    field_file.name = name
    field_file._committed = True
    return sha256


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every file field of every installed model: what may refer to a stored name."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def is_referenced(name: str) -> bool:
    """Whether any row of any model's file field refers to ``name``."""
    return any(model._base_manager.filter(**{field.name: name}).exists() for model, field in file_fields())


def release(name: str, storage=None) -> bool:
    """Delete the stored file ``name`` unless a row still refers to it; True when it was deleted.

    Call it once the rows that used it are deleted or rolled back (:func:`release_on_commit`).
    """
    if not name:
        return False
    storage = storage if storage is not None else default_storage
    with transaction.atomic():
        _lock(name, shared=False)
        if is_referenced(name):
            return False
        storage.delete(name)
    return True


def release_on_commit(name: str, storage=None) -> None:
    """:func:`release` ``name`` once the current transaction (which deletes its rows) commits."""
    transaction.on_commit(lambda: release(name, storage))


def _lock(name: str, *, shared: bool) -> None:
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [key])
