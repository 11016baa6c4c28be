# Sourced by the PostgreSQL tests (after tests/cli/lib.sh, which makes `$work`): a throwaway
# PostgreSQL 15 on 127.0.0.1 (data under $work, run as `nobody` when we are root), stopped by
# PID on every exit; exits 77 (CTest's skip code) with a loud message when none can start.
# start_server LABEL sets `port` and `pgpid` and defines psql_run. SEG_PG_BIN is the server's
# folder; SEG_PG_PORT the first port tried (55432, then the next nine).
pgbin="${SEG_PG_BIN:-/usr/lib/postgresql/15/bin}"
pgpid=""
pglabel="postgres"

skip() {
  echo "**********************************************************************"
  echo "SKIP: $pglabel: $1"
  echo "      (install Debian's postgresql-15: scripts/bootstrap)"
  echo "**********************************************************************"
  exit 77
}

stop_server() {
  if [ -n "$pgpid" ] && kill -0 "$pgpid" 2>/dev/null; then
    kill -INT "$pgpid" 2>/dev/null # fast shutdown
    for _ in $(seq 1 100); do
      kill -0 "$pgpid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pgpid" 2>/dev/null
  fi
  pgpid=""
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 143' TERM INT # through the EXIT trap: a timed-out test stops its server too

start_server() { # label
  pglabel="$1"
  [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] || skip "no PostgreSQL server in $pgbin"
  command -v psql >/dev/null || skip "no psql client"

  # The server refuses to run as root: the cluster belongs to `nobody` then.
  chmod 755 "$work"
  pgdir="$work/pg"
  mkdir -p "$pgdir"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$pgdir"
    as=(runuser -u nobody --)
  fi
  "${as[@]}" "$pgbin/initdb" -D "$pgdir/data" -E UTF8 --locale=C -A trust -U seg >"$work/initdb.log" 2>&1 ||
    skip "initdb failed: $(tail -3 "$work/initdb.log")"

  port=""
  local candidate
  for candidate in $(seq "${SEG_PG_PORT:-55432}" "$((${SEG_PG_PORT:-55432} + 9))"); do
    if "${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 30 \
      -o "-h 127.0.0.1 -p $candidate -k $pgdir -c fsync=off -c full_page_writes=off" start \
      >/dev/null 2>&1; then
      port="$candidate"
      break
    fi
    # a server that failed to start may still have written its pid file
    [ -f "$pgdir/data/postmaster.pid" ] && pgpid="$(head -1 "$pgdir/data/postmaster.pid")" && stop_server
  done
  [ -n "$port" ] || skip "the server does not start: $(tail -3 "$pgdir/server.log" 2>/dev/null)"
  pgpid="$(head -1 "$pgdir/data/postmaster.pid")"
  echo "$pglabel: PostgreSQL on 127.0.0.1:$port (pid $pgpid)"
}

psql_run() { psql -X -q -h 127.0.0.1 -p "$port" -U seg -d postgres -v ON_ERROR_STOP=1 "$@"; }
