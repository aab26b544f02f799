from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Kazakhstan–Israel relations"

    def ready(self):
        # A flush (as transactional tests do) empties the groups the migration made: put them back.
        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="relations.ensure_groups")


def _ensure_groups(sender, apps=None, **kwargs):
    from django.apps import apps as installed_apps

    from .roles import ensure_groups

    ensure_groups(apps or installed_apps)
