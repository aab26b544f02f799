"""A GIN index for full-text search over claims, on PostgreSQL only (SQLite searches without it)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "claim_search"


def index():
    from relations.models.claims import CLAIM_SEARCH_VECTOR

    return GinIndex(CLAIM_SEARCH_VECTOR, name=INDEX_NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("relations", "Claim"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("relations", "Claim"), index())


class Migration(migrations.Migration):
    dependencies = [("relations", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
