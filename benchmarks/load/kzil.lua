-- wrk script for kzil's load test (benchmarks/load/run.sh): one path per run, given after `--`.
-- Every request carries X-Forwarded-For: the address the trusted proxy (API_NUM_PROXIES=1) reports
-- for the load client, which the server exempts from throttling (API_THROTTLE_EXEMPT).
local path = "/"
local client = "10.0.0.100"

function init(args)
  path = args[1] or path
  client = args[2] or client
end

function request()
  return wrk.format("GET", path, { ["X-Forwarded-For"] = client, ["Accept"] = "application/json" })
end

-- One JSON line the runner collects: requests/s, latency percentiles in ms, and every kind of error.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, "p99_ms": %.1f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
