#!/usr/bin/env bash
# Runs every test: the Outlook pane's unit tests (npm, vitest) and the .NET suites (xunit).
# Installs the pane's npm packages first when they are missing (npm install, not npm ci: npm 11
# writes lock files without other platforms' optional packages, which npm ci then refuses).
set -uo pipefail
cd "$(dirname "$0")"
status=0

# The browser tests drive Debian's Chromium and the store tests start a PostgreSQL server (initdb
# in a temp folder, on 127.0.0.1); install what is missing from Debian packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${OUTLOOKSAYNO_PG_BIN:-}" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || echo "Could not install ${missing[*]}; the tests that need them will fail." >&2
  else
    echo "Missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}); the tests that need them will fail." >&2
  fi
fi

if [ -f addin/package.json ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd addin && { [ -d node_modules ] || npm install --no-audit --no-fund; } && npm run typecheck && npm test) || status=1
  else
    echo "npm was not found: the pane's unit tests cannot run (install Node 20 or later)." >&2
    status=1
  fi
fi
dotnet test OutlookSayNo.sln || status=1
exit $status
