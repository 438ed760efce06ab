#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries exist for the `postgres` test project (test/setup/postgres.ts starts the
# server itself). Debian's package puts them in /usr/lib/postgresql/<version>/bin.
set -euo pipefail
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then exit 0; fi
echo "installing PostgreSQL server binaries (Debian package postgresql)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
