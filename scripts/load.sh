#!/usr/bin/env bash
# Load test: POST /api/drafts (classify + render + durable log write) against a bare endpoint of the
# same API (GET /healthz), with wrk on 127.0.0.1 only. Prints requests/s, p50 and p99 for each,
# and the drafts/bare ratio. Usage: scripts/load.sh [seconds=10] [connections="8 32 128"]
# One user makes every request, so the per-user rate limit is raised to its maximum for the run.
# Needs wrk (Debian: apt-get install wrk; installed here when missing and running as root) and openssl.
# PROFILE=1: also samples the API's CPU with dotnet-trace during an extra 32-connection drafts run and
# prints the frames that cost most (scripts/top-frames.py); dotnet-trace must be installed
# (dotnet tool install -g dotnet-trace).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-"8 32 128"}

if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is missing: apt-get install wrk" >&2; exit 1
  fi
fi

dotnet build -c Release api -p:SkipAddinBuild=true -v q -nologo >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=$(openssl rand -base64 32)
export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__LogLevel__Default=Warning \
  Auth__Mode=DevJwt \
  Database__ConnectionString="Data Source=$work/load.db" \
  Authentication__Schemes__Bearer__ValidIssuer=dotnet-user-jwts \
  Authentication__Schemes__Bearer__ValidAudiences__0=http://localhost:5180 \
  Authentication__Schemes__Bearer__SigningKeys__0__Issuer=dotnet-user-jwts \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$key" \
  Authentication__Schemes__Bearer__SigningKeys__0__Length=32 \
  Authentication__Schemes__Bearer__SigningKeys__0__Id=load \
  Security__RateLimit__PermitsPerMinute=1000000 Security__RateLimit__Burst=1000000
(cd api && exec dotnet bin/Release/net10.0/OutlookSayNo.Api.dll) > "$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $api 2>/dev/null || { cat "$work/api.log"; exit 1; }
  sleep 0.1
done

# A development token (HS256, as dotnet user-jwts signs them) for one account manager.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"HS256","kid":"load","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"load.tester","name":"Load Tester","unique_name":"Load Tester","role":"AccountManager","iss":"dotnet-user-jwts","aud":"http://localhost:5180","nbf":%d,"iat":%d,"exp":%d}' \
  $((now - 60)) $now $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(echo -n "$key" | base64 -d | xxd -p -c 256)" -binary | b64url)
token="$header.$payload.$signature"

cat > "$work/body.json" <<'JSON'
{"email":{"subject":"Renewal 2027","from":{"name":"Priya Nair","email":"priya@northwind-foods.com"},"body":"Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal? Our budget was cut and a competitor quoted less.\n\nBest regards,\nPriya Nair\nHead of Finance"},"audience":"finance"}
JSON
cat > "$work/drafts.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local f = io.open("$work/body.json", "rb")
wrk.body = f:read("*a")
f:close()
LUA
cat > "$work/classify.json" <<'JSON'
{"subject":"Renewal 2027","from":{"name":"Priya Nair","email":"priya@northwind-foods.com"},"body":"Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal? Our budget was cut and a competitor quoted less.\n\nBest regards,\nPriya Nair\nHead of Finance"}
JSON
sed "s#body.json#classify.json#" "$work/drafts.lua" > "$work/classify.lua"
status=$(curl -s -o "$work/first.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/drafts" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$work/body.json")
[ "$status" = 200 ] || { echo "A draft answered $status, not 200:" >&2; cat "$work/first.json" "$work/api.log" >&2; exit 1; }

# The API's CPU time so far (user + system), in clock ticks: CPU per request is steadier than
# requests/s on a shared machine, where neighbours take cycles from the whole run.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$api/stat"; }
ticks_per_second=$(getconf CLK_TCK)

run() { # name url connections [lua]
  local out before after
  before=$(cpu_ticks)
  out=$(wrk -t$(( $3 < 2 ? 1 : 2 )) -c"$3" -d"${seconds}s" --latency ${4:+-s "$4"} "$2")
  after=$(cpu_ticks)
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  local total cpu
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$total" 'BEGIN { printf "%.0f", (n > 0 ? 1e6 * t / hz / n : 0) }')
  printf '%-8s c=%-4s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  API CPU %s us/request\n' "$1" "$3" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu" >&2
  echo "$rps"
}

# Warm up (JIT tiering, connection pools) so the first measured run is not the slow one.
wrk -t2 -c8 -d3s -s "$work/drafts.lua" "http://127.0.0.1:$port/api/drafts" >/dev/null
echo "wrk ${seconds}s per run, 127.0.0.1:$port, $(nproc) cores (set CLASSIFY=1 to also load /api/classify)" >&2
for c in $connections; do
  bare=$(run bare "http://127.0.0.1:$port/healthz" "$c")
  [ -n "${CLASSIFY:-}" ] && run classify "http://127.0.0.1:$port/api/classify" "$c" "$work/classify.lua" >/dev/null
  drafts=$(run drafts "http://127.0.0.1:$port/api/drafts" "$c" "$work/drafts.lua")
  awk -v d="$drafts" -v b="$bare" -v c="$c" 'BEGIN { printf "ratio    c=%-4s drafts/bare = %.0f%%\n", c, 100 * d / b }' >&2
done
if [ -n "${PROFILE:-}" ]; then
  trace="$work/drafts.nettrace"
  ~/.dotnet/tools/dotnet-trace collect -p $api --profile dotnet-sampled-thread-time --duration 00:00:00:08 --format speedscope -o "$trace" >/dev/null 2>&1 &
  tracer=$!
  wrk -t2 -c32 -d10s -s "$work/drafts.lua" "http://127.0.0.1:$port/api/drafts" >/dev/null
  wait $tracer || true
  python3 scripts/top-frames.py "$work/drafts.speedscope.json" "${PROFILE_TOP:-40}" ${PROFILE_FILTER:+"$PROFILE_FILTER"} >&2
  cp "$work/drafts.speedscope.json" "${PROFILE_OUT:-/tmp/drafts.speedscope.json}"
fi
drafts_logged=$(sqlite3 "$work/load.db" "select count(*) from drafts" 2>/dev/null || echo "?")
echo "drafts in the log after the run: $drafts_logged" >&2
