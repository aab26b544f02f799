#!/usr/bin/env bash
# Backup and restore drill for kzil on PostgreSQL.
#
#   scripts/backup_drill.sh SOURCE_DATABASE_URL NEW_DATABASE_NAME [DUMP_FILE]
#
# 1. pg_dump in custom format (-Fc) of the source database into DUMP_FILE (default: a temporary file);
# 2. createdb NEW_DATABASE_NAME on the same server and pg_restore the dump into it;
# 3. manage.py verify_provenance against the restored database (every anchor still verifies);
# 4. the row count of every table equal in both databases.
# Exits non-zero at the first step that fails. Needs SECRET_KEY in the environment, like manage.py.
set -euo pipefail
cd "$(dirname "$0")/.."

source_url=$1
target=$2
dump=${3:-$(mktemp -d)/kzil.dump}
target_url="${source_url%/*}/$target"
python=${PYTHON:-.venv/bin/python}

pg_dump --format=custom --no-owner --file="$dump" "$source_url"
echo "dumped to $dump ($(du -h "$dump" | cut -f1))"
createdb --maintenance-db="$source_url" "$target"
pg_restore --no-owner --exit-on-error --dbname="$target_url" "$dump"
echo "restored into $target"

DATABASE_URL=$target_url DATABASE_REPLICA_URL='' "$python" manage.py verify_provenance

tables="SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
differ=0
for table in $(psql "$source_url" -Atc "$tables"); do
  before=$(psql "$source_url" -Atc "SELECT count(*) FROM \"$table\"")
  after=$(psql "$target_url" -Atc "SELECT count(*) FROM \"$table\"")
  if [ "$before" != "$after" ]; then
    echo "count differs: $table $before != $after" >&2
    differ=1
  fi
done
[ "$differ" = 0 ] && echo "record counts equal in every table"
exit "$differ"
