import uuid

from django.db import migrations, models


def first_version(apps, schema_editor):
    version = apps.get_model("relations", "PublicationVersion")
    version.objects.using(schema_editor.connection.alias).create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    """The one-row publication version that API ETags and the response cache key on (relations/publication.py)."""

    dependencies = [("relations", "0012_figure_metric_date_id")]

    operations = [
        migrations.CreateModel(
            name="PublicationVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "publication version"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
