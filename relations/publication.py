"""“What is published changed”: the one place that says so, and what readers key on.

Every save or delete of a curated record (a claim approved, rejected or sent back, an edit of a published
record, a figure, source, actor, event, metric or topic changed) and every change of their many-to-many links
replaces the publication version's token in the same transaction (signals connected in apps.py). Bulk writers
that send no signals (generate_corpus's COPY) call `changed()` themselves, and so does every migrate (a deploy
may change what a page shows). Drafts bump it too: deciding whether an edit is visible would be a second copy
of the publication rule, and a needless bump only costs a cache miss.

Readers (relations/api/views.py) key the ETag and the response cache on `current()` and the request's URL: a
conditional GET is answered with one query, and a cached page is never served after the state it was built
from has changed.
"""

import hashlib
import uuid

from django.db import DEFAULT_DB_ALIAS, router

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


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the token, inside the caller's transaction (the UPDATE holds the row until it commits)."""
    token = uuid.uuid4().hex
    if not PublicationVersion.objects.using(using).filter(pk=1).update(token=token):
        PublicationVersion.objects.using(using).update_or_create(pk=1, defaults={"token": token})


def current() -> str:
    """The token of the state being read (from the database reads go to, like the page itself): one query."""
    using = router.db_for_read(PublicationVersion)
    return PublicationVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first() or "-"


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
