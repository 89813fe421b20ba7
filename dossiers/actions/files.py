"""Files written during an action are released again if its transaction fails."""

from contextlib import contextmanager

from documents.storage import release


@contextmanager
def files_removed_on_failure():
    """Yields a list to append stored files to; if the block fails, each is released (deleted from the
    storage unless another row still uses the same content: ``documents.storage``).

    Put it around ``transaction.atomic()``: the rows roll back with the transaction, the files here.
    """
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            release(stored.name, stored.storage)
        raise
