"""`manage.py loaddata`, writing exactly one "created" history row for each record it creates.

Django's loaddata saves raw, so django-simple-history writes no "created" row, yet its many-to-many
handler still writes a "changed" row for every relation set (461 of them for the 232 seed claims).
This command keeps the handlers quiet while loading and then writes the history in bulk
(relations.history). A record that already existed and is overwritten gets no row, as before. Natural
keys resolve through a memo while it runs (relations.models.base.remembering_natural_keys). On SQLite the
planner's statistics are refreshed afterwards (relations/db_statistics.py).
"""

from collections import defaultdict

from django.core.management.commands import loaddata
from django.db import connections

from relations import publication
from relations.db_statistics import refresh_statistics
from relations.history import has_history, write_created_history
from relations.models.base import remembering_natural_keys


class Command(loaddata.Command):
    help = loaddata.Command.help + " Records one 'created' history row for each record it creates."

    def handle(self, *fixture_labels, **options):
        super().handle(*fixture_labels, **options)
        refresh_statistics(connections[options["database"]])

    def loaddata(self, fixture_labels):
        self.created = defaultdict(list)
        with remembering_natural_keys(), publication.one_change(self.using):
            super().loaddata(fixture_labels)
        for model, pks in self.created.items():
            write_created_history(model, pks, using=self.using, reason="Loaded from a fixture")

    def save_obj(self, obj):
        instance = obj.object
        model = type(instance)
        if not has_history(model):
            return super().save_obj(obj)
        # The deserializer gives a record found by its natural key that key's pk; a new record has none.
        new = instance.pk is None or not model._base_manager.using(self.using).filter(pk=instance.pk).exists()
        instance.skip_history_when_saving = True
        saved = super().save_obj(obj)
        if saved and new:
            self.created[model].append(instance.pk)
        return saved
