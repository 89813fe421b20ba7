from django.db import migrations, models


class Migration(migrations.Migration):
    """``current_role`` is a reserved word in PostgreSQL: hand-written SQL (benchmarks, reports) would
    have to quote it. Same column, new name."""

    dependencies = [
        ("dossiers", "0004_role_inbox_and_received_components"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="dossier", name="dossier_role_inbox"),
        migrations.RenameField(model_name="dossier", old_name="current_role", new_name="inbox_role"),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                fields=["agency", "inbox_role", "step_due_at", "priority", "received_at", "id"],
                name="dossier_role_inbox",
            ),
        ),
    ]
