"""PostgreSQL only: pg_trgm and unaccent, and a trigram GIN index for the folded search text.

SQLite keeps the plain folded column; these operations do nothing there.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS procedure_search_trgm ON catalog_procedure "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS agency_name_trgm ON catalog_agency USING gin (name_folded gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS agency_name_trgm",
    "DROP INDEX IF EXISTS procedure_search_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
