import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests import factories


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password=f"{username}-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def alice(django_user_model):
    """Alice, an editor."""
    return member(django_user_model, "alice", "Editors")


@pytest.fixture
def bob(django_user_model):
    """Bob, a reviewer."""
    return member(django_user_model, "bob", "Reviewers")


@pytest.fixture
def dave(django_user_model):
    """Dave, another reviewer."""
    return member(django_user_model, "dave", "Reviewers")


@pytest.fixture
def erin(django_user_model):
    """Erin, both an editor and a reviewer."""
    user = member(django_user_model, "erin", "Editors")
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


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


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The default hasher is deliberately slow; tests create users in nearly every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API's throttle counts requests in the cache: every test starts from zero."""
    cache.clear()


@pytest.fixture
def published(source, alice, bob):
    """A published world: an approved claim with a figure, speaker, subject, event and topic."""
    return factories.published_world(source, alice, bob)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's), one per test module; see tests/browser.py."""
    import os

    from playwright.sync_api import sync_playwright

    from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop; the ORM calls in the tests happen outside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
