"""History for records that `loaddata` creates: one "created" row each, written in bulk.

simple-history writes nothing for a raw save (which is how loaddata saves), but its many-to-many handler
does not know about raw saves: loading a claim with subjects and topics wrote two "changed" rows for it
and no "created" row. The relations loaddata command (relations/management/commands/loaddata.py) turns
the handlers off for the objects it loads and calls `write_created_history` once they are all in.
"""

from django.db import models

BATCH = 500


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def write_created_history(model: type[models.Model], pks: list, *, using: str, reason: str = "") -> int:
    """Write one "created" history row (with its many-to-many rows) for each record of `model` in `pks`."""
    manager = getattr(model, model._meta.simple_history_manager_attribute)
    history, pk = manager.model, model._meta.pk.attname
    rows = []
    for start in range(0, len(pks), BATCH):
        objs = model._base_manager.using(using).filter(pk__in=pks[start : start + BATCH])
        rows += manager.db_manager(using).bulk_history_create(objs, batch_size=BATCH, default_change_reason=reason)
    history_ids = {getattr(row, pk): row.pk for row in rows}
    if None in history_ids.values():  # A database that cannot return the ids of a bulk insert.
        created = history.objects.using(using).filter(history_type="+", **{f"{pk}__in": pks})
        history_ids = dict(created.values_list(pk, "history_id"))
    for field in history._history_m2m_fields:
        write_m2m_history(getattr(history, field.name).model, field, history_ids, using=using)
    return len(rows)


def write_m2m_history(m2m_history, field, history_ids: dict, *, using: str) -> None:
    """Copy the through rows of the records in `history_ids` into the m2m history of their new rows."""
    through = field.remote_field.through
    owner = field.m2m_field_name()
    columns = [f.attname for f in through._meta.concrete_fields]
    rows = through._base_manager.using(using).filter(**{f"{owner}__in": list(history_ids)}).values(*columns)
    m2m_history.objects.using(using).bulk_create(
        [m2m_history(history_id=history_ids[row[f"{owner}_id"]], **row) for row in rows], batch_size=BATCH
    )
