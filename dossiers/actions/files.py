"""Files written during an action are removed again if its transaction fails."""

from contextlib import contextmanager


@contextmanager
def files_removed_on_failure():
    """Yields a list to append stored files to; if the block fails, they are deleted from the storage.

    Put it around ``transaction.atomic()``: the rows roll back with the transaction, the files here.
    """
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise
