"""kzil scales out on PostgreSQL: with DATABASE_REPLICA_URL, API reads go to a streaming replica while
writes and the admin stay on the primary. The test starts a real pair: `initdb` a throwaway primary,
`pg_basebackup -R` a hot standby from it, both in a temporary folder on ports 5441/5442, stopped at the end."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from kzil.routers import ReplicaRouter, api_request
from tests.production import ROOT, get, gunicorn

BIN = Path("/usr/lib/postgresql/15/bin")
PRIMARY, STANDBY = 5441, 5442


def test_the_router_sends_api_reads_to_the_replica_and_the_rest_to_the_primary(monkeypatch):
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"  # no replica configured
    monkeypatch.setitem(django_settings.DATABASES, "replica", {})
    assert router.db_for_read(None) == "default"  # the admin, commands, everything outside /api/
    token = api_request.set(True)
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
    finally:
        api_request.reset(token)
    assert not router.allow_migrate("replica", "relations")


def postgres(*args, **kwargs):
    """A PostgreSQL 15 binary, run as the postgres user (the server refuses to run as root)."""
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", str(BIN / args[0]), *args[1:]],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def sql(port, query):
    return postgres("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "kzil", "-Atc", query).stdout


@pytest.fixture
def cluster():
    if connection.vendor != "postgresql":
        pytest.skip("the replica needs PostgreSQL: run with DATABASE_URL=postgres://…")
    if not (BIN / "initdb").exists() or not shutil.which("runuser") or os.geteuid() != 0:
        pytest.skip(f"needs PostgreSQL 15 binaries in {BIN} and root to run them as postgres")
    folder = Path(tempfile.mkdtemp(prefix="kzil-replica-"))
    shutil.chown(folder, "postgres")
    started = []

    def start(name, port):
        # Throwaway clusters: no fsync, so that migrate takes seconds.
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off"
        postgres("pg_ctl", "-D", str(folder / name), "-o", options, "-l", str(folder / f"{name}.log"), "-w", "start")
        started.append(name)

    try:
        postgres("initdb", "-D", str(folder / "primary"), "--auth=trust", "-U", "postgres", "--no-sync")
        start("primary", PRIMARY)
        postgres("createdb", "-h", "127.0.0.1", "-p", str(PRIMARY), "-U", "postgres", "kzil")
        yield folder, start
    finally:
        for name in reversed(started):
            postgres("pg_ctl", "-D", str(folder / name), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


APPROVE = """
from django.contrib.auth.models import Group, User
from tests import factories
editor = User.objects.create_user("alice", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
reviewer = User.objects.create_user("bob", is_staff=True)
reviewer.groups.add(Group.objects.get(name="Reviewers"))
claim = factories.claim(factories.source(), "some $2.5 billion annual trade", created_by=editor)
claim.submit(editor)
claim.approve(reviewer)
print(claim.uid)
"""


def test_an_approved_write_on_the_primary_is_read_back_through_the_replica(cluster, tmp_path):
    folder, start = cluster
    primary_url = f"postgres://postgres@127.0.0.1:{PRIMARY}/kzil"
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": secrets.token_urlsafe(50), "SECURE_SSL_REDIRECT": "False"}
    manage({**env, "DATABASE_URL": primary_url}, "migrate", "-v0")
    postgres(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        str(PRIMARY),
        "-U",
        "postgres",
        "-D",
        str(folder / "standby"),
        "-R",
        "-c",
        "fast",
    )
    start("standby", STANDBY)
    assert sql(STANDBY, "SELECT pg_is_in_recovery()").strip() == "t"

    # Hold the standby's replay: what the API serves now can only come from the replica as it was.
    sql(STANDBY, "SELECT pg_wal_replay_pause()")
    uid = manage({**env, "DATABASE_URL": primary_url}, "shell", "--no-imports", "-c", APPROVE).strip()
    assert sql(PRIMARY, "SELECT count(*) FROM relations_claim WHERE status = 'approved'").strip() == "1"

    served = {
        **env,
        "DATABASE_URL": primary_url,
        "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{STANDBY}/kzil",
    }
    with gunicorn(served, tmp_path, API_CACHE_SECONDS="0") as (url, _):
        assert get(f"{url}/api/v1/claims/{uid}/")[0] == 404  # not on the replica yet
        assert get(url + "/healthz")[0] == 200  # outside /api/: the primary
        sql(STANDBY, "SELECT pg_wal_replay_resume()")
        for _ in range(100):
            if sql(STANDBY, "SELECT count(*) FROM relations_claim WHERE status = 'approved'").strip() == "1":
                break
            time.sleep(0.1)
        status, _, body = get(f"{url}/api/v1/claims/{uid}/")
    assert status == 200
    claim = json.loads(body)
    assert claim["id"] == uid and claim["quote"]["exact"] == "some $2.5 billion annual trade"
