"""Two editors save the same record: the second save is refused and the first one's work survives."""

import pytest

from relations.models import Claim, ConcurrentEdit, Source


def test_a_stale_save_is_refused(claim):
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.get(pk=claim.pk)
    first.statement = "Alice's wording"
    first.save()
    second.statement = "Bob's wording"
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        second.save()
    claim.refresh_from_db()
    assert claim.statement == "Alice's wording"
    assert claim.version == 2


def test_saving_again_from_a_fresh_copy_works(source):
    copy = Source.objects.get(pk=source.pk)
    copy.title = "New title"
    copy.save()
    copy.title = "Newer title"
    copy.save()
    assert Source.objects.get(pk=source.pk).version == 3
