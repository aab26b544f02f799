#!/usr/bin/env bash
# kzil under gunicorn against the floor server (issue 14: "within 3× of the floor"), driven by wrk on 127.0.0.1.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kzil_load benchmarks/load/floor.sh
#
# Four pages: the claim list, a search, figures by metric and a claim detail. benchmarks/load/capture.py records
# the SQL kzil runs for each (in-process, response cache off, same environment); then wrk (-t2, same flags and
# kzil.lua for all, whose X-Forwarded-For keeps kzil from throttling) loads each page on three gunicorn servers of
# GUNICORN_WORKERS (2) workers in turn: kzil with the response cache off (API_RESPONSE_CACHE_SECONDS=0, every
# request builds its page), kzil with it on (the default 600 s), and benchmarks/load/floor_server.py, which runs
# the captured SQL through psycopg and orjson. Each server has its own port (PORT, PORT+1, PORT+2) because the
# response cache is keyed by URL: the cache-off server must not find pages the cache-on one stored.
# Prints a markdown table to stdout; RESULTS_JSON=file also writes the raw numbers there.
# DURATION (20s), CONNECTIONS (8), PORT (8160), REDIS_URL (db 9), VENV (.venv), LOG (gunicorn's stderr).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database holding the corpus}"
export DATABASE_URL
venv=${VENV:-.venv}
port=${PORT:-8160}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
export SECRET_KEY=${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}
export SECURE_SSL_REDIRECT=False API_NUM_PROXIES=1 API_THROTTLE_EXEMPT=10.0.0.100
export DB_CONN_MAX_AGE=600 GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}
xff=(-H "X-Forwarded-For: 10.0.0.100")
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server && wait $server 2>/dev/null; rm -rf "$work"' EXIT

start() { # [ENV=VALUE …] start PORT [APP]: gunicorn with kzil's gunicorn.conf.py, serving kzil unless APP is given
  base=http://127.0.0.1:$1
  GUNICORN_BIND=127.0.0.1:$1 "$venv/bin/gunicorn" ${2:+"$2"} 2>>"${LOG:-/dev/null}" &
  server=$!
  for _ in $(seq 50); do curl -so /dev/null "$base/healthz" && return; sleep 0.2; done
  echo "no server at $base" >&2
  exit 1
}

stop() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

# The pages, with a published claim and metric read from kzil itself.
API_RESPONSE_CACHE_SECONDS=0 start "$port"
claim=$(curl -sf "${xff[@]}" "$base/api/v1/claims/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
metric=$(curl -sf "${xff[@]}" "$base/api/v1/metrics/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
names=("claim list" "search" "figures by metric" "claim detail")
paths=("/api/v1/claims/" "/api/v1/claims/?q=oil" "/api/v1/figures/?metric=$metric" "/api/v1/claims/$claim/")
"$venv/bin/python" benchmarks/load/capture.py "$work/queries.json" "${paths[@]}"

load() { awk '{ print "[" $1 ", " $2 ", " $3 "]" }' /proc/loadavg; }

measure() { # measure SERVER: wrk on each page of the server at $base, one JSON line each into $work/runs
  for i in "${!paths[@]}"; do
    curl -sf -o /dev/null "${xff[@]}" "$base${paths[$i]}" # answers 200 (and, cache on, fills the cache)
    before=$(load)
    result=$(wrk -t2 -c"$connections" -d"$duration" -s benchmarks/load/kzil.lua "$base${paths[$i]}" -- "${paths[$i]}" | tail -n 1)
    printf '{"server": "%s", "page": "%s", "path": "%s", "load_before": %s, "load_after": %s, "wrk": %s}\n' \
      "$1" "${names[$i]}" "${paths[$i]}" "$before" "$(load)" "$result" >>"$work/runs"
    echo "$1 ${paths[$i]} $result" >&2
  done
}

measure "kzil (cache off)"
stop
start $((port + 1))
measure "kzil (cache on)"
stop
FLOOR_QUERIES=$work/queries.json start $((port + 2)) benchmarks.load.floor_server:app
measure floor
stop

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo -dirty)
python3 - "$work/runs" "$commit" "${DATABASE_URL##*/}" "-t2 -c$connections -d$duration" "$GUNICORN_WORKERS" <<'EOF'
import datetime
import json
import os
import sys

runs_file, commit, database, flags, workers = sys.argv[1:]
with open(runs_file) as file:
    runs = [json.loads(line) for line in file]
servers = ["kzil (cache off)", "kzil (cache on)", "floor"]
pages = {}  # page: {server: run}
for run in runs:
    pages.setdefault(run["page"], {})[run["server"]] = run
print(
    f"gunicorn ({workers} workers each), wrk {flags}, {os.cpu_count()} cores, database {database}, commit {commit}, "
    f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n"
)
print(
    "| page | kzil rps (cache off) | kzil rps (cache on) | floor rps | floor ÷ kzil (off) | floor ÷ kzil (on) "
    "| p50 ms (off / on / floor) | errors (off / on / floor) | 1-min load before→after (off / on / floor) |"
)
print("|---|---:|---:|---:|---:|---:|---|---|---|")
for page, by_server in pages.items():
    trio = [by_server[server] for server in servers]
    off, on, floor = (run["wrk"]["rps"] for run in trio)
    cells = [
        f"{page} `{trio[0]['path']}`",
        f"{off:,.0f}",
        f"{on:,.0f}",
        f"{floor:,.0f}",
        f"{floor / off:.1f}×",
        f"{floor / on:.1f}×",
        " / ".join(f"{run['wrk']['p50_ms']:.1f}" for run in trio),
        " / ".join(str(run["wrk"]["errors"]) for run in trio),
        " / ".join(f"{run['load_before'][0]:.2f}→{run['load_after'][0]:.2f}" for run in trio),
    ]
    print(f"| {' | '.join(cells)} |")
if os.getenv("RESULTS_JSON"):
    meta = {"commit": commit, "database": database, "wrk": flags, "workers": int(workers), "cores": os.cpu_count()}
    with open(os.environ["RESULTS_JSON"], "w") as file:
        json.dump({**meta, "runs": runs}, file, indent=2)
EOF
