"""An operator backs up kzil and restores it into a new database: scripts/backup_drill.sh runs pg_dump -Fc,
pg_restore, verify_provenance and compares every table's row count. PostgreSQL only."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from relations.models import Claim

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(str(path) for path in (ROOT / "fixtures").glob("*.json"))


@pytest.mark.django_db(transaction=True)  # pg_dump sees only committed rows
def test_the_backup_drill_restores_a_verified_copy(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL: run with DATABASE_URL=postgres://…")
    if not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "createdb", "dropdb", "psql")):
        pytest.skip("the PostgreSQL client tools are not installed")
    call_command("loaddata", *FIXTURES, verbosity=0)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    target = f"{db['NAME']}_restored"
    dropdb = ["dropdb", "--if-exists", f"--maintenance-db={url}", target]
    subprocess.run(dropdb, check=True)
    try:
        result = subprocess.run(
            ["scripts/backup_drill.sh", url, target, str(tmp_path / "kzil.dump")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "record counts equal in every table" in result.stdout
        restored = subprocess.run(
            ["psql", f"{url.rsplit('/', 1)[0]}/{target}", "-Atc", "SELECT count(*) FROM relations_claim"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert int(restored.stdout) == Claim.objects.count() > 0
    finally:
        subprocess.run(dropdb, check=True)
