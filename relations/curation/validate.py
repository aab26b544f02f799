"""Validate every fixture record through the models' own `full_clean`, writing nothing.

The records are deserialized exactly as `loaddata` reads them (natural keys resolved against the
database, so a record already there is checked as the update it would be), cleaned with `full_clean`,
and saved in dependency order so that the next record's foreign keys and unique constraints see them.
Everything happens in one transaction that is always rolled back: the database is left as it was.
"""

import contextlib

from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from relations.models.base import remembering_natural_keys


def messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            message if field == NON_FIELD_ERRORS else f"{field}: {message}"
            for field, items in error.message_dict.items()
            for message in items
        ]
    return list(error.messages)


def validate_records(builder, using: str = "default") -> None:
    """Add a "model" problem to `builder.problems` for every record its model refuses."""
    pending = []
    with transaction.atomic(using=using), remembering_natural_keys():
        for records in builder.fixtures().values():
            for record in records:
                obj = _validate(builder, record, using)
                if obj is not None and obj.deferred_fields:
                    pending.append(obj)
        for obj in pending:
            # References forward in the same file (a metric's broader metric). One that does not resolve
            # names an unknown record (the "reference" check reports it) or one refused above.
            with contextlib.suppress(DatabaseError, DeserializationError), transaction.atomic(using=using):
                obj.save_deferred_fields(using=using)
        transaction.set_rollback(True, using=using)


def _validate(builder, record: dict, using: str):
    where = builder.where_of(record)
    try:
        obj = next(serializers.deserialize("python", [record], using=using, handle_forward_references=True))
    except DeserializationError as exc:
        builder.problems.add("model", where, str(exc.__cause__ or exc))
        return None
    instance = obj.object
    model = type(instance)
    if instance.pk is not None and model._base_manager.using(using).filter(pk=instance.pk).exists():
        # Found by its natural key: validate it as the update that loaddata would make.
        instance._state.adding = False
    # The check saves inside a transaction it rolls back; writing history for it would only cost time.
    instance.skip_history_when_saving = True
    deferred = {field.name for field in obj.deferred_fields}
    try:
        instance.full_clean(exclude=deferred)
    except ValidationError as exc:
        for message in messages(exc):
            builder.problems.add("model", where, message)
        return None
    if any(not field.null and not field.many_to_many for field in obj.deferred_fields):
        return None  # An unknown required reference: the "reference" check names it; nothing to save.
    try:
        with transaction.atomic(using=using):
            obj.save(using=using)
    except DatabaseError as exc:
        builder.problems.add("model", where, f"the database refuses it: {exc}")
        return None
    return obj
