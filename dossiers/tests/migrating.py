"""Running a data migration again over rows made by today's code, in tests."""

from collections.abc import Callable

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def after_migrating(before: list[tuple[str, str]], after: list[tuple[str, str]], read: Callable):
    """Migrate back to ``before`` and forward to ``after``, return ``read(apps)`` with the models as
    they are at ``after``, and migrate every app back to its latest migration, whatever happens."""
    try:
        MigrationExecutor(connection).migrate(before)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        return read(executor.loader.project_state(after).apps)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
