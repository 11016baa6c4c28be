# Sourced by the agreement tests (after tests/cli/lib.sh): random programs of the differential
# test's generator (tests/fuzz/EmitPrograms.cpp) run on the server and with the JIT over the
# same data; every segment and partition that translates must give the same report and
# member files. SEG_SQL_RANDOM_PROGRAMS (8 of each shape) and SEG_SQL_RANDOM_SEED (1) vary it.
# random_agree LABEL FUZZ_PROGRAMS DIALECT DATA ENGINE-ARGS...
random_agree() {
  local label="$1" generator="$2" dialect="$3" data="$4"
  shift 4
  local dir="$work/random"
  rm -rf "$dir"
  mkdir -p "$dir/segments" "$dir/rich"
  cp "$src/examples/crm/crm.schema.seg" "$dir/segments/"
  cp "$src/examples/crm/crm.schema.seg" "$dir/rich/"
  local count="${SEG_SQL_RANDOM_PROGRAMS:-8}" seed="${SEG_SQL_RANDOM_SEED:-1}"
  "$generator" "$seed" "$count" "$dir/segments" segments &&
    "$generator" "$((seed + 1))" "$count" "$dir/rich" rich || {
    fail "$label: the program generator failed"
    return
  }
  local programs=0 definitions=0 refused=0 overflows=0 program names n
  for program in "$dir"/segments/p*.seg "$dir"/rich/p*.seg; do
    "$seg" sql "$program" --dialect "$dialect" --now "$now" --table-prefix "$prefix" \
      >"$dir/q.sql" 2>"$dir/refused.txt"
    refused=$((refused + $(grep -c "does not translate yet" "$dir/refused.txt")))
    names="$(sed -n 's/^-- \(segment\|partition\) //p' "$dir/q.sql" | paste -sd,)"
    [ -n "$names" ] || continue
    n=$(echo "$names" | tr ',' '\n' | grep -c .)
    programs=$((programs + 1))
    rm -rf "$dir/jit" "$dir/server"
    if ! "$seg" run "$program" --data "$data" --now "$now" --engine jit --segment "$names" \
      --members "$dir/jit" --format json --no-timings >"$dir/jit.json" 2>"$dir/jit.err"; then
      fail "$label: ${program#$dir/}: the JIT run failed: $(grep "^seg run" "$dir/jit.err" | head -3)"
      continue
    fi
    if ! "$seg" run "$program" "$@" --table-prefix "$prefix" --now "$now" --segment "$names" \
      --members "$dir/server" --format json --no-timings >"$dir/server.json" 2>"$dir/server.err"; then
      # docs/warehouse.md: PostgreSQL raises an error where Seg's integers wrap around
      if [ "$dialect" = postgres ] && grep -q "refused the query: bigint out of range" "$dir/server.err"; then
        overflows=$((overflows + 1))
        continue
      fi
      fail "$label: ${program#$dir/}: the run on the server failed: $(grep "^seg run" "$dir/server.err" | head -3)"
      cp "$program" "$work/failed-$(basename "$program")" 2>/dev/null
      continue
    fi
    local filter='{contacts, segments, partitions, warnings}'
    if diff <(jq -S "$filter" "$dir/jit.json") <(jq -S "$filter" "$dir/server.json") >"$dir/diff" &&
      diff -r "$dir/jit" "$dir/server" >/dev/null; then
      pass
      definitions=$((definitions + n))
    else
      fail "$label: ${program#$dir/}: the server's answers differ from the JIT's"
      head -12 "$dir/diff" | sed 's/^/  | /'
      echo "  | program:"
      sed 's/^/  | /' "$program" | head -40
    fi
  done
  local overflowed=""
  [ "$overflows" -gt 0 ] &&
    overflowed=", $overflows of them overflowing bigint on PostgreSQL (a known difference)"
  echo "$label: random programs: $programs run, $definitions definitions agree with the JIT," \
    "$refused refused by name$overflowed"
  [ $((programs - overflows)) -ge $((count)) ] && pass || fail "$label: only $programs random programs ran"
}
