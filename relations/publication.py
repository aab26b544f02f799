"""“What is published changed”: the one place that says so, and what readers key on.

Every save or delete of a curated record (a claim approved, rejected or sent back, an edit of a published
record, a figure, source, actor, event, metric or topic changed) and every change of their many-to-many links
replaces the publication version's token in the same transaction (signals connected in apps.py). Writers that
send no signals (generate_corpus's COPY, a QuerySet.update() of a curated model) call `changed()` themselves,
and so does every migrate (a deploy may change what a page shows). Drafts bump it too: deciding whether an edit
is visible would be a second copy of the publication rule, and a needless bump only costs a cache miss.

Readers (relations/api/views.py) key the ETag and the response cache on `current()` and the request's URL: a
conditional GET is answered with at most one query, and a cached page is never served after the state it was
built from has changed. With a cache that every process shares (Redis), the token itself is kept there too:
the writer puts the new token in once its transaction has committed, a reader that missed it adds what it read
only if nobody put a newer one meanwhile, so a request costs no query for it.
"""

import contextvars
import hashlib
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, router, transaction

from relations.models import (
    Actor,
    ActorAlias,
    Affiliation,
    Claim,
    Event,
    EventParticipant,
    Figure,
    Metric,
    PublicationVersion,
    Source,
    Topic,
)

# What the public API reads. Many-to-many links between them are caught by their through models' app label.
CURATED = [Actor, ActorAlias, Affiliation, Claim, Event, EventParticipant, Figure, Metric, Source, Topic]


TOKEN_KEY = "publication-token"
# How long the shared cache keeps the token: a change made behind Django's back (psql, a restored backup before
# its migrate) is seen within this time.
TOKEN_SECONDS = 60


def shared_cache() -> bool:
    """Whether every process reads the same cache: a per-process one cannot hear of another's change."""
    return not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


# Set while a bulk write reports itself as one change when it is done (see one_change()).
_deferred = contextvars.ContextVar("publication_deferred", default=False)


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the token, inside the caller's transaction (the UPDATE holds the row until it commits)."""
    if _deferred.get():
        return
    token = uuid.uuid4().hex
    if not PublicationVersion.objects.using(using).filter(pk=1).update(token=token):
        PublicationVersion.objects.using(using).update_or_create(pk=1, defaults={"token": token})
    if shared_cache():
        transaction.on_commit(lambda: cache.set(TOKEN_KEY, token, TOKEN_SECONDS), using)


@contextmanager
def one_change(using: str = DEFAULT_DB_ALIAS):
    """A bulk write (a fixture load) is one change, reported when it has succeeded: not one per record."""
    reset = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(reset)
    changed(using)


def current() -> str:
    """The token of the state being read: from the shared cache, else the database reads go to (one query)."""
    if shared_cache():
        token = cache.get(TOKEN_KEY)
        if token is not None:
            return token
    using = router.db_for_read(PublicationVersion)
    token = PublicationVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first() or "-"
    if shared_cache():
        cache.add(TOKEN_KEY, token, TOKEN_SECONDS)
    return token


def key(token: str, *parts: str) -> str:
    """A short, stable name for one representation of one URL in one publication state."""
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"{token}-{digest}"


def _saved_or_deleted(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    changed(using)


def _links_changed(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if sender._meta.app_label == "relations" and action in ("post_add", "post_remove", "post_clear"):
        changed(using)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in CURATED:
        uid = f"relations.publication.{model.__name__}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_links_changed, dispatch_uid="relations.publication.links")
