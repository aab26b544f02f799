"""The publication version: one row that says which state of the published knowledge base is being served."""

from django.db import models


class PublicationVersion(models.Model):
    """A token replaced, in the same transaction, by every change to what the public API serves.

    A random token rather than a counter: a rolled-back transaction or a restored backup goes back to a token
    that names exactly the state it goes back to, never to a number that a later state has reused.
    relations/publication.py is the one home of the rule; API ETags and the response cache key on it.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "publication version"

    def __str__(self):
        return self.token
