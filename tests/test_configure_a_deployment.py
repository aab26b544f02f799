"""An operator configures a deployment from the environment: secure by default with DEBUG off, every
security setting overridable under its Django name, and a malformed or missing value stops start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kzil import settings

ROOT = Path(__file__).resolve().parent.parent
KEY = secrets.token_urlsafe(50)


def manage(*args, **env):
    """manage.py in a clean environment holding only PATH and the given variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_only_debug_secret_key_and_allowed_hosts():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="False", SECRET_KEY=KEY, ALLOWED_HOSTS="kzil.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_missing_secret_key_stops_start_up_and_writes_no_key(tmp_path, monkeypatch):
    result = manage("check", SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    assert result.returncode == 1
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr
    monkeypatch.delenv("SECRET_KEY")
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        settings.secret_key(debug=False)
    assert list(tmp_path.iterdir()) == []


def test_a_local_key_is_generated_only_for_debug(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY")
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    key = settings.secret_key(debug=True)
    assert len(key) >= 32 and (tmp_path / ".secret_key").read_text() == key
    assert settings.secret_key(debug=True) == key  # generated once, then kept


@pytest.mark.parametrize(
    "name, value",
    [
        ("API_ANON_RATE", "lots"),
        ("API_ANON_RATE", "10/fortnight"),
        ("API_NUM_PROXIES", "-1"),
        ("API_NUM_PROXIES", "two"),
        ("API_THROTTLE_EXEMPT", "10.0.0.1,localhost"),
        ("SECURE_SSL_REDIRECT", "no"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto"),
        ("REDIS_URL", "memcached://127.0.0.1"),
        ("DATABASE_REPLICA_URL", "sqlite:///replica.sqlite3"),
    ],
)
def test_a_malformed_setting_stops_start_up(name, value):
    result = manage("check", SECRET_KEY=KEY, **{name: value})
    assert result.returncode == 1
    assert "ImproperlyConfigured" in result.stderr and name in result.stderr


def test_security_is_on_when_debug_is_off_and_off_when_debug_is_on(monkeypatch):
    monkeypatch.delenv("SECURE_SSL_REDIRECT")  # tests/settings.py sets it for the test client
    for debug in (False, True):
        assert settings.envbool("SECURE_SSL_REDIRECT", not debug) is not debug
        assert settings.envbool("SESSION_COOKIE_SECURE", not debug) is not debug


def test_each_security_setting_is_overridden_under_its_own_name():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        SECRET_KEY=KEY,
        SECURE_SSL_REDIRECT="False",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        SECURE_HSTS_SECONDS="3600",
        SESSION_COOKIE_SECURE="False",
    )
    assert result.stdout.split("\n")[0] == "False ('HTTP_X_FORWARDED_PROTO', 'https') 3600 False", result.stderr
    defaults = manage("shell", "--no-imports", "-c", code, SECRET_KEY=KEY)
    assert defaults.stdout.split("\n")[0] == "True None 31536000 True", defaults.stderr


def test_redis_url_selects_the_shared_cache_and_its_absence_a_per_process_one(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/5")
    assert settings.caches()["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/5",
    }
    monkeypatch.delenv("REDIS_URL")
    assert settings.caches()["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_replica_url_adds_a_replica_that_tests_mirror(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://kzil@db1:5432/kzil")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://kzil@db2:5432/kzil")
    databases = settings.databases()
    assert (databases["default"]["HOST"], databases["replica"]["HOST"]) == ("db1", "db2")
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}
    monkeypatch.delenv("DATABASE_REPLICA_URL")
    assert list(settings.databases()) == ["default"]


def test_the_redirect_and_hsts_reach_the_client(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/api/v1/topics/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/api/v1/topics/"
    assert client.get("/healthz").status_code == 200  # load balancers probe over plain HTTP
    secure = client.get("/api/v1/topics/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
