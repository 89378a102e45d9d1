#!/usr/bin/env bash
# Runs the whole test suite on SQLite and, when a PostgreSQL server is
# installed (or DOSIS_TEST_POSTGRES is set), on PostgreSQL too: it starts a
# throwaway cluster on 127.0.0.1 and removes it afterwards. Extra arguments go
# to `go test` (for example -run TestCase -v).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DOSIS_TEST_POSTGRES:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pgdir=$(mktemp -d /tmp/dosis-pg.XXXXXX)
  trap 'scripts/pgtmp.sh stop "$pgdir/data"; rm -rf "$pgdir"' EXIT
  if ! DOSIS_TEST_POSTGRES=$(scripts/pgtmp.sh start "$pgdir/data" "${DOSIS_TEST_PG_PORT:-54329}"); then
    echo "could not start the PostgreSQL test cluster; its logs:" >&2
    cat "$pgdir"/data.initdb.log "$pgdir"/data/server.log 2>/dev/null | tail -20 >&2
    exit 1
  fi
  export DOSIS_TEST_POSTGRES
  echo "PostgreSQL test cluster: $DOSIS_TEST_POSTGRES"
fi
if [ -z "${DOSIS_TEST_POSTGRES:-}" ]; then
  echo "NOTE: no PostgreSQL found; the PostgreSQL half of the suite is skipped (apt-get install postgresql to run it)."
fi
go test -count=1 -timeout 20m "$@" ./...
