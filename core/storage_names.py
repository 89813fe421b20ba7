"""Names of stored files: random, so that knowing a dossier or its code never gives a file's address.

The name keeps only the (lower-case) extension of the file it was saved as, which the upload check
chose from the file's content. Files are served only by views that authorized the request
(``core.downloads``), never from a public URL.
"""

import re
import uuid
from pathlib import PurePath

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,5}$")


def random_name(folder: str, filename: str) -> str:
    """``folder/<32 random hex digits>.<ext>`` for a file saved as ``filename``."""
    suffix = PurePath(filename or "").suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{suffix if _EXTENSION.match(suffix) else ''}"
