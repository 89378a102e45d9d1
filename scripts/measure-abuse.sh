#!/usr/bin/env bash
# Measures what the attacks of issue 11 get (docs/reliability.md, "Attacks"):
# peak memory (VmHWM) of `dosis serve` under 60 parallel sign-ins with the
# password-check bound and without it, attempts evaluated under 40 parallel
# guesses, and the peak memory of `dosis import citizens` on the zip bomb.
# Usage: scripts/measure-abuse.sh [PORT]   (SQLite in a temporary directory, loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18433}
dir=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
CGO_ENABLED=0 go build -o "$dir/dosis" ./cmd/dosis
go build -o "$dir/measure" ./scripts/measure-abuse
export DOSIS_DB="$dir/dosis.db"
"$dir/dosis" db migrate >/dev/null
echo "a long password 1" | "$dir/dosis" user add --username nurse --name Nurse --role nurse --municipality 851 --password-stdin >/dev/null
hwm() { awk '/VmHWM/ {printf "%d MB", $2/1024}' "/proc/$1/status"; }
rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$1/status"; }
serve() {
  "$dir/dosis" serve --addr "127.0.0.1:$port" --max-password-checks "$1" 2>"$dir/serve.log" &
  pid=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "server did not start"; cat "$dir/serve.log"; exit 1
}
for checks in 4 1000; do
  serve "$checks"
  echo "== 60 parallel sign-ins, --max-password-checks $checks (RSS at start $(rss $pid))"
  "$dir/measure" -base "http://127.0.0.1:$port" -logins 60
  echo "peak RSS $(hwm $pid)"
  kill $pid; wait $pid 2>/dev/null || true
done
serve 4
echo "== 40 parallel wrong passwords for one user from one address"
"$dir/measure" -base "http://127.0.0.1:$port" -guesses 40 -user nurse
echo "evaluated (rows in login_attempts): $(sqlite3 "$DOSIS_DB" "SELECT COUNT(*) FROM login_attempts WHERE username = 'nurse'" 2>/dev/null || echo 'sqlite3 not installed')"
kill $pid; wait $pid 2>/dev/null || true
echo "== dosis import citizens on the zip bomb"
"$dir/measure" -bomb "$dir/bomb.xlsx"
echo "bomb: $(stat -c %s "$dir/bomb.xlsx") bytes"
/usr/bin/time -f "peak RSS %M KB, %e s" "$dir/dosis" import citizens "$dir/bomb.xlsx" || true
echo "citizens stored: $(sqlite3 "$DOSIS_DB" "SELECT COUNT(*) FROM citizens" 2>/dev/null || echo '?')"
