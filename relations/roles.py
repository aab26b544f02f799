"""The two editorial roles and exactly the permissions each needs."""

from django.contrib.auth.management import create_permissions

CURATED = ["source", "actor", "event", "claim", "figure"]
# Rows edited inline on those records: removing a row needs delete.
INLINE = ["actoralias", "affiliation", "eventparticipant", "figure"]
VOCABULARY = ["metric", "topic"]

EDITORS = "Editors"
REVIEWERS = "Reviewers"

PERMISSIONS = {
    # Editors add and change everything they curate, but cannot approve or reject.
    EDITORS: sorted(
        {f"{action}_{model}" for model in CURATED + VOCABULARY for action in ("add", "change", "view")}
        | {f"{action}_{model}" for model in INLINE for action in ("add", "change", "view", "delete")}
    ),
    # Reviewers read everything and decide on claims; they do not edit them.
    REVIEWERS: sorted({f"view_{model}" for model in CURATED + INLINE + VOCABULARY} | {"review_claim"}),
}


def ensure_groups(apps, **kwargs) -> None:
    """Create or repair both groups; run by a migration and again after every migrate or flush."""
    config = apps.get_app_config("relations")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="relations", codename__in=codenames)
        if permissions.count() != len(codenames):
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            raise RuntimeError(f"Permissions missing for the {name} group: {sorted(missing)}")
        group.permissions.set(permissions)
