"""Behaviour shared by the curated models: natural keys, optimistic locking, anchored spans."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Length

from relations import provenance


def available_slug(model, base: str) -> str:
    """`base`, else `base-2`, `base-3`…: the first slug that no record of `model` has yet."""
    slug, n = base, 1
    while model._base_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class ConcurrentEdit(Exception):
    """Somebody else saved the record since this copy was read: saving would overwrite their work."""


# While loaddata runs (relations/management/commands/loaddata.py), natural keys resolve through a memo: the
# seed names the same actor or claim hundreds of times, and each mention was one query.
_natural_keys: ContextVar[dict | None] = ContextVar("natural_keys", default=None)


@contextmanager
def remembering_natural_keys():
    token = _natural_keys.set({})
    try:
        yield
    finally:
        _natural_keys.reset(token)


class _NaturalKeyManager(models.Manager):
    key = ""

    def get_by_natural_key(self, value):
        memo = _natural_keys.get()
        if memo is None:
            return self.get(**{self.key: value})
        cached = (self.model, self.db, str(value))
        if cached not in memo:
            memo[cached] = self.get(**{self.key: value})
        return memo[cached]


class SlugManager(_NaturalKeyManager):
    key = "slug"


class UidManager(_NaturalKeyManager):
    key = "uid"


class VersionedModel(models.Model):
    """Optimistic locking: a save must start from the version that is in the database."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every save; a save from an older version is refused."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            super().save(*args, **kwargs)
        else:
            self._save_if_current(*args, **kwargs)
        self._loaded_values = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def changed_since_loaded(self, fields) -> bool:
        """Whether any of `fields` (attnames) differs from what was read from the database."""
        loaded = getattr(self, "_loaded_values", {})
        return any(field in loaded and loaded[field] != getattr(self, field) for field in fields)

    def _save_if_current(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            # The UPDATE takes the row lock, so two concurrent saves cannot both pass this check.
            bumped = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=models.F("version") + 1)
            )
            if not bumped:
                raise ConcurrentEdit(
                    f"{self._meta.verbose_name.capitalize()} “{self}” was changed by someone else after you "
                    "opened it. Nothing was saved: reload it to see their changes, then make yours again."
                )
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)


class AnchoredSpan(models.Model):
    """An exact quote at [start, end) of a source body, with a little context on each side.

    Concrete models define `anchor_source_body()`: the text the offsets count into.
    """

    quote = models.TextField(help_text="Exactly the source text between start and end.")
    start = models.PositiveIntegerField(help_text="Offset of the first character, counted in characters.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    prefix = models.CharField(max_length=64, blank=True, help_text="Source text just before the quote.")
    suffix = models.CharField(max_length=64, blank=True, help_text="Source text just after the quote.")

    class Meta:
        abstract = True

    @staticmethod
    def span_constraints(model: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name=f"{model}_start_before_end",
                violation_error_message="The quote must start before it ends.",
            ),
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("quote")),
                name=f"{model}_offsets_fit_quote",
                violation_error_message="The offsets must span exactly the quote.",
            ),
        ]

    def anchor_problems(self, body: str | None = None) -> list[str]:
        body = self.anchor_source_body() if body is None else body
        return provenance.verify(body, self.quote, self.start, self.end, self.prefix, self.suffix)

    def set_anchor(self, anchor: provenance.Anchor) -> None:
        self.quote, self.start, self.end = anchor.quote, anchor.start, anchor.end
        self.prefix, self.suffix = anchor.prefix, anchor.suffix

    def validate_anchor(self) -> None:
        problems = self.anchor_problems()
        if problems:
            raise ValidationError({"quote": [f"Not anchored: {p}." for p in problems]})
