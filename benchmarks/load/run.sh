#!/usr/bin/env bash
# Load test: gunicorn + PostgreSQL (+ Redis for the throttle), driven by wrk on 127.0.0.1 only.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kzil_load benchmarks/load/run.sh
#
# The database holds a corpus (`manage.py generate_corpus --claims 100000`). gunicorn runs as behind one
# trusted proxy (API_NUM_PROXIES=1): wrk sends X-Forwarded-For 10.0.0.100, an address exempt from
# throttling (API_THROTTLE_EXEMPT), while every other anonymous client keeps API_ANON_RATE (60/minute
# here): a probe from another address during the run must be refused after 60 requests.
# Prints one line per endpoint: requests/s, p50 and p99 latency, errors (non-2xx/3xx and socket errors).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database holding the corpus}"
port=${PORT:-8145}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
export SECRET_KEY=${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}
export SECURE_SSL_REDIRECT=False API_NUM_PROXIES=1 API_THROTTLE_EXEMPT=10.0.0.100 API_ANON_RATE=60/minute
export DB_CONN_MAX_AGE=600 GUNICORN_BIND=127.0.0.1:$port GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}
base=http://127.0.0.1:$port

.venv/bin/gunicorn 2>"${LOG:-/dev/null}" &
server=$!
trap 'kill $server; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

xff=(-H "X-Forwarded-For: 10.0.0.100")
claim=$(curl -sf "${xff[@]}" "$base/api/v1/claims/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
metric=$(curl -sf "${xff[@]}" "$base/api/v1/metrics/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')

echo "load: wrk -t2 -c$connections -d$duration, gunicorn workers=$GUNICORN_WORKERS, $(nproc) cores"
for path in "/api/v1/claims/" "/api/v1/claims/?q=oil" "/api/v1/metrics/$metric/" "/api/v1/claims/$claim/"; do
  if [ "$path" = "/api/v1/claims/" ]; then
    # The throttle probe runs beside the first load: another anonymous client, 70 requests.
    (for _ in $(seq 70); do curl -s -o /dev/null -w '%{http_code}\n' -H "X-Forwarded-For: 203.0.113.9" "$base/api/v1/topics/"; done |
      sort | uniq -c | tr '\n' ' ' | sed 's/^/throttle probe (another client, 70 requests): /'; echo) &
    probe=$!
  fi
  result=$(wrk -t2 -c"$connections" -d"$duration" -s benchmarks/load/kzil.lua "$base$path" -- "$path" | tail -n 1)
  echo "$path $result load_average=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
  [ -n "${probe:-}" ] && wait "$probe" && probe=
done
