#!/usr/bin/env bash
# Lints api/openapi.yaml with Redocly CLI (rules: api/redocly.yaml). Installs the pinned CLI into
# api/.tools/ (not committed) on first use; installs Node.js and npm from Debian's packages when the
# machine has none. Under CI=true any failure to lint (no npm, no network, lint errors) fails.
set -euo pipefail
cd "$(dirname "$0")"
REDOCLY_VERSION=2.77.0
TOOLS=.tools
BIN="$TOOLS/node_modules/.bin/redocly"

fail_or_skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "api/lint.sh: $1" >&2
    exit 1
  fi
  echo "api/lint.sh: $1; not linting (outside CI)" >&2
  exit 0
}

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "api/lint.sh: installing nodejs and npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    fail_or_skip "npm is missing (apt-get install -y nodejs npm)"
  fi
fi

if [ ! -x "$BIN" ] || [ "$("$BIN" --version 2>/dev/null)" != "$REDOCLY_VERSION" ]; then
  echo "api/lint.sh: installing @redocly/cli@$REDOCLY_VERSION into api/$TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --silent "@redocly/cli@$REDOCLY_VERSION" \
    || fail_or_skip "npm could not install @redocly/cli@$REDOCLY_VERSION"
fi

# Redocly prints a banner about Node.js versions; keep the findings.
REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_TELEMETRY=off "$BIN" lint --format=stylish openapi.yaml
