"""Settings come from the environment; a malformed value stops start-up with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from kzil import settings


def test_debug_accepts_only_true_or_false(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='yes', use 'True' or 'False'"):
        settings.envbool("DEBUG", "False")
    monkeypatch.setenv("DEBUG", "True")
    assert settings.envbool("DEBUG", "False") is True
    monkeypatch.delenv("DEBUG")
    assert settings.envbool("DEBUG", "False") is False


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://kzil:secret@db.example:5433/kzil")
    config = settings.database()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "kzil")


def test_sqlite_is_the_default(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert settings.database()["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize("url", ["mysql://root@localhost/kzil", "nonsense://x"])
def test_other_databases_are_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        settings.database()


def test_a_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 32 characters"):
        settings.secret_key()


def test_an_empty_allowed_host_is_refused(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org,,")
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        settings.envlist("ALLOWED_HOSTS", "localhost")
