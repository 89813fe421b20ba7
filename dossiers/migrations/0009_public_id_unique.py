# The public id made unique and required in its own migration: on PostgreSQL a table altered in the
# transaction that just updated its rows may refuse ("pending trigger events").
import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0008_signed_documents_and_reuse"),
    ]

    operations = [
        migrations.AlterField(
            model_name="dossierfile",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
