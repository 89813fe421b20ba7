from django.db import migrations, models


def add_up_by_agency(apps, schema_editor):
    """The agencies' rows from the aggregates already counted (reports by agency read them from now on),
    in place of whatever 0003 left there."""
    Aggregate = apps.get_model("stats", "Aggregate")
    AgencyAggregate = apps.get_model("stats", "AgencyAggregate")
    measures = [
        field.name
        for field in Aggregate._meta.concrete_fields
        if isinstance(field, models.BigIntegerField) and not field.primary_key
    ]
    rows = (
        Aggregate.objects.values("grain", "period_start", "agency_id", "channel")
        .annotate(**{f"sum_{name}": models.Sum(name) for name in measures})
        .order_by()
    )
    AgencyAggregate.objects.all().delete()
    AgencyAggregate.objects.bulk_create(
        (
            AgencyAggregate(
                grain=row["grain"],
                period_start=row["period_start"],
                agency_id=row["agency_id"],
                channel=row["channel"],
                **{name: row[f"sum_{name}"] for name in measures},
            )
            for row in rows.iterator()
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_agency_aggregates")]

    operations = [migrations.RunPython(add_up_by_agency, migrations.RunPython.noop)]
