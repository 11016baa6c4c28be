# Sourced by the agreement tests (after tests/cli/lib.sh): random programs of the differential
# test's generator (tests/fuzz/EmitPrograms.cpp) run on the server and with the JIT over the
# same data; every segment and partition that translates must give the same report and
# member files, and a program's scores and metrics (those that translate, and the program
# without the others: tests/sql/report_agreement.sh) the JIT's statistics and values.
# SEG_SQL_RANDOM_PROGRAMS (8 of each shape) and SEG_SQL_RANDOM_SEED (1) vary it.
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
  local reports=0 scores=0 metrics=0 report_overflows=0
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
    grep -q '^\(score\|metric\) ' "$program" || continue
    # The whole report, scores and metrics too, of the program without what is refused.
    refused_names "$dir/refused.txt" >"$dir/refused.names"
    mkdir -p "$dir/trimmed"
    cp "$src/examples/crm/crm.schema.seg" "$dir/trimmed/"
    drop_definitions "$dir/refused.names" "$program" >"$dir/trimmed/p.seg"
    "$seg" run "$dir/trimmed/p.seg" --data "$data" --now "$now" --engine jit --format json \
      --no-timings >"$dir/jit.json" 2>"$dir/jit.err" || {
      fail "$label: ${program#$dir/}: the JIT run of the whole program failed: $(head -3 "$dir/jit.err")"
      continue
    }
    if ! "$seg" run "$dir/trimmed/p.seg" "$@" --table-prefix "$prefix" --now "$now" --format json \
      --no-timings >"$dir/server.json" 2>"$dir/server.err"; then
      if [ "$dialect" = postgres ] && grep -q "refused the query: bigint out of range" "$dir/server.err"; then
        report_overflows=$((report_overflows + 1))
        continue
      fi
      fail "$label: ${program#$dir/}: the whole program failed on the server: $(grep "^seg run" "$dir/server.err" | head -3)"
      cp "$dir/trimmed/p.seg" "$work/failed-whole-$(basename "$program")" 2>/dev/null
      continue
    fi
    local tolerant=0 # decayed scores on PostgreSQL: tests/sql/report_agreement.sh
    [ "$dialect" = postgres ] && grep -q 'decay half_life' "$dir/trimmed/p.seg" && tolerant=1
    if same_report "$dir/jit.json" "$dir/server.json" "$tolerant" "$dir/diff" >/dev/null; then
      pass
      reports=$((reports + 1))
      scores=$((scores + $(jq '.scores | length' "$dir/server.json")))
      metrics=$((metrics + $(jq '.metrics | length' "$dir/server.json")))
    else
      fail "$label: ${program#$dir/}: the server's scores and metrics differ from the JIT's"
      head -20 "$dir/diff" | sed 's/^/  | /'
      echo "  | program:"
      sed 's/^/  | /' "$dir/trimmed/p.seg" | head -60
      cp "$dir/trimmed/p.seg" "$work/failed-whole-$(basename "$program")" 2>/dev/null
    fi
  done
  local overflowed=""
  [ "$overflows" -gt 0 ] &&
    overflowed=", $overflows of them overflowing bigint on PostgreSQL (a known difference)"
  echo "$label: random programs: $programs run, $definitions definitions agree with the JIT," \
    "$refused refused by name$overflowed; $reports whole reports agree ($scores scores," \
    "$metrics metrics; $report_overflows overflowing bigint)"
  [ $((programs - overflows)) -ge $((count)) ] && pass || fail "$label: only $programs random programs ran"
}
