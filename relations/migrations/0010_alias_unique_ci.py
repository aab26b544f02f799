import django.db.models.functions.text
from django.db import migrations, models
from django.db.models.functions import Lower


def refuse_shared_aliases(apps, schema_editor):
    """Name the aliases that break the new rule, rather than failing on the index with no word of which."""
    ActorAlias = apps.get_model("relations", "ActorAlias")
    shared = (
        ActorAlias.objects.using(schema_editor.connection.alias)
        .values(lowered=Lower("name"))
        .annotate(n=models.Count("pk"))
        .filter(n__gt=1)
    )
    names = [row["lowered"] for row in shared[:20]]
    if names:
        raise RuntimeError(
            "These aliases name more than one actor, or one actor twice, ignoring case; give each to one actor "
            f"before migrating: {', '.join(names)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0009_affiliation_per_claim"),
    ]

    operations = [
        migrations.RunPython(refuse_shared_aliases, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="actoralias",
            name="alias_unique_per_actor",
        ),
        migrations.AddConstraint(
            model_name="actoralias",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="alias_unique_ci",
                violation_error_message="This alias already names an actor (compared ignoring case): an alias "
                "names exactly one actor.",
            ),
        ),
    ]
