from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Kazakhstan–Israel relations"

    def ready(self):
        from . import publication

        # A flush (as transactional tests do) empties the groups the migration made: put them back.
        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="relations.ensure_groups")
        # What the API serves changes with the code and the data a migration brings: new ETags, a cold cache.
        post_migrate.connect(_published_changed, sender=self, dispatch_uid="relations.published_changed")
        # SQLite gathers no planner statistics by itself (db_statistics.py).
        post_migrate.connect(_refresh_statistics, sender=self, dispatch_uid="relations.refresh_statistics")
        publication.connect()


def _ensure_groups(sender, apps=None, **kwargs):
    from django.apps import apps as installed_apps

    from .roles import ensure_groups

    ensure_groups(apps or installed_apps)


def _published_changed(sender, using="default", plan=None, **kwargs):
    from django.db import connections

    from .models import PublicationVersion
    from .publication import changed

    if PublicationVersion._meta.db_table in connections[using].introspection.table_names():
        changed(using)


def _refresh_statistics(sender, using="default", **kwargs):
    from django.db import connections

    from .db_statistics import refresh_statistics

    refresh_statistics(connections[using])
