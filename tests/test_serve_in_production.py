"""An operator serves kzil with gunicorn and DEBUG off: static files with hashed names from whitenoise,
/healthz, one log line per request on stderr, a 503 JSON under /api/ when the database does not answer,
every 500 logged with its traceback, and one throttle count shared by all workers through Redis."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from tests.production import ROOT, get, gunicorn

REDIS_URL = os.getenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(scope="module")
def base_env(tmp_path_factory):
    """A migrated SQLite database and collected static files, as `collectstatic` leaves them in production."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "False",  # plain HTTP on 127.0.0.1, as behind a proxy that terminates TLS
        "STATIC_ROOT": str(folder / "static"),
        "SQLITE_PATH": str(folder / "db.sqlite3"),
    }
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    return env


def assets(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())


def test_the_admin_and_the_api_docs_get_their_static_files(base_env, tmp_path):
    with gunicorn(base_env, tmp_path) as (url, _):
        for page in ("/admin/login/", "/api/docs/"):
            status, _, html = get(url + page)
            assert status == 200
            files = assets(html)
            assert files and all(re.search(r"\.[0-9a-f]{12}\.(css|js|png)$", f) for f in files), files
            for path in files:
                status, headers, _ = get(url + path, {"Accept-Encoding": "gzip"})
                assert status == 200, path
                assert "immutable" in headers["Cache-Control"]
                assert path.endswith(".png") or headers["Content-Encoding"] in ("gzip", "br")


def test_healthz_and_one_log_line_per_request(base_env, tmp_path):
    with gunicorn(base_env, tmp_path) as (url, log):
        status, headers, body = get(url + "/healthz", {"X-Request-ID": "probe-1"})
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
        assert headers["X-Request-ID"] == "probe-1"
        get(url + "/api/v1/topics/")
    lines = [line for line in log.read_text().splitlines() if "kzil.request" in line]
    assert len(lines) == 2
    assert re.search(r"request_id=probe-1 method=GET path=/healthz status=200 duration_ms=[0-9.]+$", lines[0])
    assert re.search(r"request_id=[0-9a-f]{32} method=GET path=/api/v1/topics/ status=200", lines[1])


def test_a_database_that_does_not_answer(base_env, tmp_path):
    closed = "postgres://postgres@127.0.0.1:5449/kzil"  # nothing listens there
    with gunicorn(base_env, tmp_path, DATABASE_URL=closed) as (url, log):
        status, _, body = get(url + "/healthz")
        assert status == 503 and json.loads(body)["status"] == "unavailable"
        status, headers, body = get(url + "/api/v1/claims/")
        assert status == 503 and headers["Content-Type"] == "application/json"
        assert headers["Retry-After"] == "10" and "database" in json.loads(body)["detail"]
        status, _, _ = get(url + "/admin/", {"Cookie": "sessionid=" + "a" * 32})  # the session lookup fails
        assert status == 500
    text = log.read_text()
    assert "path=/api/v1/claims/ status=503" in text and "path=/admin/ status=500" in text
    assert re.search(
        r"ERROR django.request Internal Server Error: /admin/\nTraceback .*\n(.*\n)*.*OperationalError", text
    )


def test_all_workers_share_one_throttle_count_through_redis(base_env, tmp_path):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not answering at {REDIS_URL}")
    with gunicorn(base_env, tmp_path, REDIS_URL=REDIS_URL, GUNICORN_WORKERS="3", API_ANON_RATE="5/minute") as (url, _):
        # A new connection per request: the workers take turns; each process alone would allow 5.
        statuses = [get(url + "/api/v1/topics/")[0] for _ in range(12)]
    assert statuses == [200] * 5 + [429] * 7
