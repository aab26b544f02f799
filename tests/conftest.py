import pytest

from tests import factories


@pytest.fixture
def alice(django_user_model):
    """Alice, an editor."""
    return django_user_model.objects.create_user("alice", password="alice-password-1")


@pytest.fixture
def bob(django_user_model):
    """Bob, a reviewer."""
    return django_user_model.objects.create_user("bob", password="bob-password-1")


@pytest.fixture
def charlie(django_user_model):
    """Charlie, signed in but with no rights."""
    return django_user_model.objects.create_user("charlie", password="charlie-password-1")


@pytest.fixture
def source(db):
    return factories.source()


@pytest.fixture
def claim(source):
    return factories.claim(source, "some $2.5 billion annual trade")
