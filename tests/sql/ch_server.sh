# Sourced by the ClickHouse tests (after tests/cli/lib.sh, which makes `$work`): a throwaway
# ClickHouse server (Debian 12's clickhouse-server 18.16) on 127.0.0.1, its config and
# storage under $work, run as `nobody` when we are root, stopped by PID on every exit; exits
# 77 (CTest's skip code) with a loud message only when the binary is missing; a server that
# does not start is a failure (exit 1, its log's last lines).
# start_ch LABEL sets `chport` (HTTP) and `chpid`; a user `seg` with password `secret` exists
# besides `default`. SEG_CH_PORT is the first HTTP port tried (58123, the TCP port 59000:
# each is tried with the next nine).
chbin="${SEG_CH_BIN:-/usr/sbin/clickhouse-server}"
chpid=""
chpids=() # every server started, for stop_ch
chlabel="clickhouse"

ch_skip() {
  echo "**********************************************************************"
  echo "SKIP: $chlabel: $1"
  echo "      (install Debian's clickhouse-server: scripts/bootstrap)"
  echo "**********************************************************************"
  exit 77
}

ch_fail() {
  echo "FAIL: $chlabel: $1"
  exit 1
}

stop_one() { # pid
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$1" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null
  fi
}

stop_ch() {
  local pid
  for pid in "$chpid" "${chpids[@]}"; do stop_one "$pid"; done
  chpid=""
  chpids=()
}
trap 'stop_ch; rm -rf "$work"' EXIT
trap 'exit 143' TERM INT # through the EXIT trap: a timed-out test stops its server too

ch_config() { # dir http-port tcp-port [extra-config]
  cat >"$1/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$1/log/server.log</log><errorlog>$1/log/error.log</errorlog></logger>
  <http_port>$2</http_port>
  <tcp_port>$3</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$1/data/</path>
  <tmp_path>$1/data/tmp/</tmp_path>
  <user_files_path>$1/data/user_files/</user_files_path>
  <format_schema_path>$1/data/format_schemas/</format_schema_path>
  <users_config>$1/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  ${4:-}
</yandex>
XML
  cat >"$1/users.xml" <<'XML'
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <seg><password>secret</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></seg>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

ch_query() { # SQL (to the server on $chport)
  curl -sS --max-time 60 "http://127.0.0.1:$chport/" --data-binary "$1"
}

start_ch() { # label
  chlabel="$1"
  [ -x "$chbin" ] || ch_skip "no ClickHouse server at $chbin"
  command -v curl >/dev/null || ch_skip "no curl"
  chmod 755 "$work"
  local dir="$work/ch" candidate as=()
  mkdir -p "$dir/log" "$dir/data"
  # setpriv execs the server itself, so $! is its PID (runuser would stay in between)
  if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
  chport=""
  local base="${SEG_CH_PORT:-58123}"
  for candidate in $(seq 0 9); do
    # a port something already answers on belongs to another server
    curl -s --max-time 1 "http://127.0.0.1:$((base + candidate))/" >/dev/null 2>&1 && continue
    ch_config "$dir" "$((base + candidate))" "$((59000 + (base - 58123) + candidate))"
    [ "$(id -u)" -eq 0 ] && chown -R nobody "$dir"
    "${as[@]}" "$chbin" --config-file="$dir/config.xml" >"$dir/log/stdout" 2>&1 &
    chpid=$!
    for _ in $(seq 1 600); do # up to 60 s on a busy machine
      if kill -0 "$chpid" 2>/dev/null &&
        curl -s --max-time 2 "http://127.0.0.1:$((base + candidate))/?query=SELECT%201" 2>/dev/null | grep -qx 1; then
        chport=$((base + candidate))
        break 2
      fi
      kill -0 "$chpid" 2>/dev/null || break
      sleep 0.1
    done
    stop_ch
  done
  [ -n "$chport" ] || ch_fail "the server does not start: $(tail -3 "$dir/log/error.log" 2>/dev/null)"
  echo "$chlabel: ClickHouse $(ch_query 'SELECT version()') on 127.0.0.1:$chport (pid $chpid)"
}

# One server in $work/ch-NAME on the given ports with extra config (e.g. remote_servers);
# sets chpid and adds it to chpids. Returns 1 if it does not answer.
start_ch_at() { # name http-port tcp-port [extra-config]
  [ -x "$chbin" ] || ch_skip "no ClickHouse server at $chbin"
  chmod 755 "$work"
  local dir="$work/ch-$1" as=()
  mkdir -p "$dir/log" "$dir/data"
  if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
  ch_config "$dir" "$2" "$3" "${4:-}"
  [ "$(id -u)" -eq 0 ] && chown -R nobody "$dir"
  "${as[@]}" "$chbin" --config-file="$dir/config.xml" >"$dir/log/stdout" 2>&1 &
  chpid=$!
  chpids+=("$chpid")
  for _ in $(seq 1 600); do # up to 60 s on a busy machine
    if kill -0 "$chpid" 2>/dev/null &&
      curl -s --max-time 2 "http://127.0.0.1:$2/?query=SELECT%201" 2>/dev/null | grep -qx 1; then
      return 0
    fi
    kill -0 "$chpid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$chlabel: the server $1 does not start: $(tail -3 "$dir/log/error.log" 2>/dev/null)"
  return 1
}

port_free() { # port: nothing listens on it, and no socket lingers on it (TIME_WAIT: a
  # server that ran on it a moment ago; ClickHouse 18.16 then cannot bind it)
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 1
  if command -v ss >/dev/null; then
    [ -z "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ] || return 1
  fi
  return 0
}
