from django.db import migrations, models


class Migration(migrations.Migration):
    """A metric's page reads its figures `order_by("date", "pk")`: with the id in the index, in index order."""

    dependencies = [("relations", "0011_reading_site")]

    operations = [
        migrations.RemoveIndex(model_name="figure", name="figure_metric_date"),
        migrations.AddIndex(
            model_name="figure",
            index=models.Index(fields=["metric", "date", "id"], name="figure_metric_date_id"),
        ),
    ]
