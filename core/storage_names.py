"""Names of stored files that no one can derive from a dossier: knowing a dossier or its code never
gives a file's address.

Dossier files are named by their content (``documents.storage``: ``files/<2 hex>/<sha256>.<ext>``):
a SHA-256 is as unguessable as a random name to whoever does not already hold the content, and lets
one stored file serve every row with the same bytes. Other files (form templates) get the random name
below. Either way the name keeps only the (lower-case) extension that the upload check chose from the
file's content, and files are served only by views that authorized the request (``core.downloads``),
never from a public URL.
"""

import re
import uuid
from pathlib import PurePath

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,5}$")


def random_name(folder: str, filename: str) -> str:
    """``folder/<32 random hex digits>.<ext>`` for a file saved as ``filename``."""
    suffix = PurePath(filename or "").suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{suffix if _EXTENSION.match(suffix) else ''}"
