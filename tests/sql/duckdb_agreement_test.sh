#!/usr/bin/env bash
# `seg sql --dialect duckdb` against a real DuckDB (the @duckdb/node-api module that
# bench/peers/package-lock.json pins, run by Node.js: tests/sql/duckdb_run.mjs): creates the
# tables of `seg sql --ddl --dialect duckdb`, loads `seg gen` data into them, runs every
# query of examples/crm and of tests/sql/edge_cases.seg (over the generated data and over
# tests/sql/edge_data), separate, --combined and --events-name-contacts, and random
# programs of the differential test's generator, and requires exactly the members of `seg
# run --engine jit` on the same data at the same `--now`; again under another time zone and
# null order, over equal times whose float sum depends on the order, and, without --now,
# that every query runs. Exits 77 (CTest's skip code) with a loud message when Node.js or
# the module cannot be had (npm ci needs the npm registry once; scripts/bootstrap installs
# Node.js). SEG_SQL_CONTACTS, SEG_SQL_SEED, SEG_SQL_RANDOM_PROGRAMS and SEG_SQL_RANDOM_SEED
# change the data and the programs, as in postgres_agreement_test.sh.
# Usage: duckdb_agreement_test.sh SEG_BINARY SOURCE_DIR FUZZ_PROGRAMS MODULES_DIR
#   MODULES_DIR: where the module is installed (npm ci --prefix), unless bench/peers has it.
set -uo pipefail
seg="$1"
src="$2"
fuzz_programs="$3"
modules="$4"
. "$src/tests/cli/lib.sh"
. "$src/tests/sql/combined_agreement.sh"
now=2026-11-01T00:00:00Z
prefix=seg_

skip() {
  echo "**********************************************************************"
  echo "SKIP: duckdb_agreement: $1"
  echo "      (Node.js and npm: scripts/bootstrap; the module: npm ci from the registry)"
  echo "**********************************************************************"
  exit 77
}

# The module at the pinned version: bench/peers' when it has it, else installed once into
# MODULES_DIR from the pinned lock file (a second run reuses it).
command -v node >/dev/null || skip "no node (Node.js) on PATH"
modules="$(realpath -m "$modules")"
peers="$src/bench/peers"
pinned="$(node -p "require('$peers/package.json').dependencies['@duckdb/node-api']")"
installed() { # folder: whether it holds the pinned module
  [ "$(node -p "require('$1/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null)" = "$pinned" ]
}
if installed "$peers"; then
  modules="$peers"
elif ! installed "$modules"; then
  command -v npm >/dev/null || skip "no npm to install @duckdb/node-api"
  mkdir -p "$modules"
  cp "$peers/package.json" "$peers/package-lock.json" "$modules/"
  echo "duckdb_agreement: npm ci --prefix $modules (@duckdb/node-api $pinned)"
  if ! npm ci --prefix "$modules" --no-audit --no-fund >"$work/npm.log" 2>&1; then
    sed 's/^/  | /' "$work/npm.log" | tail -5
    skip "npm ci could not install @duckdb/node-api $pinned (no registry?)"
  fi
fi
duck() { # data-dir out-dir queries-files...
  local data="$1" out="$2"
  shift 2
  node "$src/tests/sql/duckdb_run.mjs" "$modules" "$data" "$work/ddl.sql" "$prefix" "$out" "$@"
}

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
expect_status 0 "gen" "$seg" gen --contacts "${SEG_SQL_CONTACTS:-2000}" --seed "${SEG_SQL_SEED:-11}" --out "$work/data"
expect_status 0 "ddl" "$seg" sql "${crm[@]}" --dialect duckdb --ddl --table-prefix "$prefix"
cp "$work/out" "$work/ddl.sql"

# Where Seg's integers wrap around, DuckDB raises an overflow error, as PostgreSQL does, or,
# when its optimizer has moved a constant across a comparison (`x * c <= k` as
# `x <= k / c`), answers as exact arithmetic would: a known difference (docs/warehouse.md),
# counted apart. Without that rewrite (the expression_rewriter disabled) such a query
# raises the error.
overflowed() { # error-file
  grep -qs "Overflow in \|Overflow on \|out of range for the destination type" "$1"
}

# Compares each query's rows (DuckDB's, in RESULTS/<segment|partition>.NAME.csv) with the
# JIT's member files in MEMBERS; sets `matched` (definitions equal), `compared` and
# `overflows` (queries that overflow BIGINT, in RESULTS or in STRICT, the same queries run
# without DuckDB's expression rewriter: not compared).
compare_queries() { # label queries.sql results-dir members-dir [strict-results-dir]
  local label="$1" queries="$2" results="$3" members="$4" strict="${5:-$3}" name file branch same
  matched=0
  compared=0
  overflows=0
  for name in $(sed -n 's/^-- segment //p' "$queries"); do
    { overflowed "$results/segment.$name.err" || overflowed "$strict/segment.$name.err"; } &&
      overflows=$((overflows + 1)) && continue
    compared=$((compared + 1))
    if [ -f "$results/segment.$name.err" ] || [ ! -f "$results/segment.$name.csv" ]; then
      fail "$label: segment $name: DuckDB refused the query: $(head -3 "$results/segment.$name.err" 2>&1)"
      continue
    fi
    sort -n "$results/segment.$name.csv" >"$work/duck.sorted"
    tail -n +2 "$members/$name.csv" | cut -d, -f1 | sort -n >"$work/jit.sorted"
    if cmp -s "$work/duck.sorted" "$work/jit.sorted"; then
      matched=$((matched + 1))
      pass
    else
      fail "$label: segment $name: DuckDB has $(wc -l <"$work/duck.sorted") members, the JIT $(wc -l <"$work/jit.sorted")"
      diff "$work/duck.sorted" "$work/jit.sorted" | head -5 | sed 's/^/  | /'
    fi
  done
  # Partitions: each branch's contacts equal the JIT's member file of that branch, and no
  # contact is in two branches or in one the JIT leaves it out of.
  for name in $(sed -n 's/^-- partition //p' "$queries"); do
    file="$results/partition.$name"
    { overflowed "$file.err" || overflowed "$strict/partition.$name.err"; } &&
      overflows=$((overflows + 1)) && continue
    compared=$((compared + 1))
    if [ -f "$file.err" ] || [ ! -f "$file.csv" ]; then
      fail "$label: partition $name: DuckDB refused the query: $(head -3 "$file.err" 2>&1)"
      continue
    fi
    same=1
    for member in "$members/$name".*.csv; do
      branch="${member##*/$name.}"
      branch="${branch%.csv}"
      awk -F, -v b="$branch" '$2 == b {print $1}' "$file.csv" | sort -n >"$work/duck.sorted"
      tail -n +2 "$member" | cut -d, -f1 | sort -n >"$work/jit.sorted"
      cmp -s "$work/duck.sorted" "$work/jit.sorted" || {
        same=0
        fail "$label: partition $name, branch $branch: DuckDB has $(wc -l <"$work/duck.sorted") contacts, the JIT $(wc -l <"$work/jit.sorted")"
      }
    done
    [ "$(cut -d, -f1 "$file.csv" | sort | uniq -d | wc -l)" -eq 0 ] || {
      same=0
      fail "$label: partition $name: a contact in two branches"
    }
    [ "$(wc -l <"$file.csv")" -eq "$(cat "$members/$name".*.csv | grep -vc '^[a-z_]*$')" ] || {
      same=0
      fail "$label: partition $name: another number of contacts in a branch than the JIT's"
    }
    [ "$same" = 1 ] && matched=$((matched + 1)) && pass
  done
}


# The JIT's members and the DuckDB queries (separate and combined) of one program.
prepare() { # label data program-files...
  local label="$1" data="$2"
  shift 2
  local out="$work/$label"
  mkdir -p "$out"
  expect_status 0 "$label: seg run" "$seg" run "$@" --data "$data" --now "$now" --engine jit \
    --members "$out/members" --format json --no-timings
  "$seg" sql "$@" --dialect duckdb --now "$now" --table-prefix "$prefix" \
    >"$out/queries.sql" 2>"$out/untranslated.txt"
  "$seg" sql "$@" --dialect duckdb --now "$now" --table-prefix "$prefix" --combined \
    >"$out/combined.sql" 2>"$out/combined.err"
  # The loaded tables have no event without its contact: --events-name-contacts answers the
  # segments that read no contact field from their events alone.
  "$seg" sql "$@" --dialect duckdb --now "$now" --table-prefix "$prefix" --events-name-contacts \
    >"$out/events.sql" 2>/dev/null
}

# After DuckDB ran them: every segment translated (at least `minimum`) and each definition's
# members, separate and combined, equal to the JIT's.
agree() { # label minimum data program-files...
  local label="$1" minimum="$2" data="$3"
  shift 3
  local out="$work/$label" segments refused
  segments=$(cat "$@" | grep -cE '^segment [a-z0-9_]+ *=')
  compare_queries "$label" "$out/queries.sql" "$out/results/queries" "$out/members"
  local translated
  translated=$(grep -c '^-- segment ' "$out/queries.sql")
  echo "duckdb_agreement: $label: $translated of $segments segments translate; $matched of" \
    "$compared definitions (segments and partitions) have the JIT's members"
  [ "$overflows" -eq 0 ] && [ "$matched" -eq "$compared" ] && pass ||
    fail "$label: $overflows queries overflowed BIGINT, $matched of $compared agree"
  sed "s/^/duckdb_agreement: $label: not translated: /" "$out/untranslated.txt"
  refused=$(grep -c "seg sql: segment .* does not translate yet" "$out/untranslated.txt")
  [ $((translated + refused)) -eq "$segments" ] && pass ||
    fail "$label: $translated translated + $refused refused != $segments segments"
  [ "$translated" -ge "$minimum" ] && pass ||
    fail "$label: only $translated segments translate (expected at least $minimum)"
  compare_queries "$label: --events-name-contacts" "$out/events.sql" "$out/results/events" \
    "$out/members"
  local unjoined
  unjoined=$(grep -c "^SELECT e_[a-z_]*\.contact_key AS contact_key" "$out/events.sql")
  [ "$matched" -eq "$compared" ] && [ "$overflows" -eq 0 ] && pass ||
    fail "$label: --events-name-contacts: $matched of $compared agree"
  echo "duckdb_agreement: $label: --events-name-contacts: $matched of $compared agree," \
    "$unjoined answered from their events"
  if [ -f "$out/results/combined/combined.err" ]; then
    fail "$label: combined: DuckDB refused the query: $(head -3 "$out/results/combined/combined.err")"
  else
    compare_combined duckdb_agreement "$label" "$out/results/combined/combined.csv" "$out/queries.sql" \
      "$out/members" "$data/contacts.csv"
  fi
}

# Random programs of the differential test's generator (tests/fuzz/EmitPrograms.cpp), as the
# other agreement tests run them (tests/sql/random_programs.sh), here through duckdb_run.mjs:
# every segment and partition that translates must have the JIT's members.
random_agree() { # data
  local data="$1" dir="$work/random"
  mkdir -p "$dir/segments" "$dir/rich" "$dir/queries"
  cp examples/crm/crm.schema.seg "$dir/segments/"
  cp examples/crm/crm.schema.seg "$dir/rich/"
  local count="${SEG_SQL_RANDOM_PROGRAMS:-8}" seed="${SEG_SQL_RANDOM_SEED:-1}"
  "$fuzz_programs" "$seed" "$count" "$dir/segments" segments &&
    "$fuzz_programs" "$((seed + 1))" "$count" "$dir/rich" rich || {
    fail "random programs: the program generator failed"
    return
  }
  local programs=() files=() refused=0 program id names
  declare -A source
  for program in "$dir"/segments/p*.seg "$dir"/rich/p*.seg; do
    id="$(basename "$(dirname "$program")")-$(basename "$program" .seg)"
    source[$id]="$program"
    "$seg" sql "$program" --dialect duckdb --now "$now" --table-prefix "$prefix" \
      >"$dir/queries/$id.sql" 2>"$dir/$id.refused"
    refused=$((refused + $(grep -c "does not translate yet" "$dir/$id.refused")))
    names="$(sed -n 's/^-- \(segment\|partition\) //p' "$dir/queries/$id.sql" | paste -sd,)"
    [ -n "$names" ] || continue
    if ! "$seg" run "$program" --data "$data" --now "$now" --engine jit --segment "$names" \
      --members "$dir/jit-$id" --format json --no-timings >/dev/null 2>"$dir/jit.err"; then
      fail "random programs: $id: the JIT run failed: $(grep "^seg run" "$dir/jit.err" | head -3)"
      continue
    fi
    programs+=("$id")
    files+=("$dir/queries/$id.sql")
  done
  [ "${#programs[@]}" -gt 0 ] || {
    fail "random programs: none translates"
    return
  }
  duck "$data" "$dir/results" "${files[@]}" >/dev/null 2>"$dir/duck.err" ||
    fail "random programs: duckdb_run.mjs failed: $(head -3 "$dir/duck.err")"
  SEG_DUCKDB_SETTINGS="SET disabled_optimizers = 'expression_rewriter'" \
    duck "$data" "$dir/strict" "${files[@]}" >/dev/null 2>"$dir/duck.err" ||
    fail "random programs: duckdb_run.mjs failed: $(head -3 "$dir/duck.err")"
  local definitions=0 agreeing=0 overflowing=0
  for id in "${programs[@]}"; do
    local before=$failures
    compare_queries "random $id" "$dir/queries/$id.sql" "$dir/results/$id" "$dir/jit-$id" \
      "$dir/strict/$id"
    definitions=$((definitions + compared))
    agreeing=$((agreeing + matched))
    overflowing=$((overflowing + overflows))
    if [ "$failures" -gt "$before" ]; then
      echo "  | program $id:"
      sed 's/^/  | /' "${source[$id]}" | head -40
    fi
  done
  echo "duckdb_agreement: random programs: ${#programs[@]} run, $agreeing of $definitions" \
    "definitions agree with the JIT, $refused refused by name, $overflowing overflowing" \
    "BIGINT (a known difference)"
  [ "${#programs[@]}" -ge "$count" ] && [ "$definitions" -gt 0 ] && pass ||
    fail "random programs: only ${#programs[@]} programs ran"
}

# The generated data: the CRM example and the edge cases, then the random programs.
prepare crm "$work/data" "${crm[@]}"
prepare edge_cases "$work/data" tests/sql/edge_cases.seg
for label in crm edge_cases; do
  duck "$work/data" "$work/$label/results" "$work/$label/"{queries,combined,events}.sql \
    >"$work/$label/duck.txt" 2>"$work/duck.err" ||
    fail "$label: duckdb_run.mjs failed: $(head -3 "$work/duck.err")"
done
sed 's/^/duckdb_agreement: crm: /' "$work/crm/duck.txt"
expect_contains "$work/crm/duck.txt" "loaded $(($(wc -l <"$work/data/contacts.csv") - 1)) contacts, $(($(wc -l <"$work/data/events.csv") - 1)) events" "every row loaded"
agree crm 46 "$work/data" "${crm[@]}"
agree edge_cases 90 "$work/data" tests/sql/edge_cases.seg
random_agree "$work/data"
# Hand-made data at the edges: microseconds around day and window boundaries, 1969, events
# after now, equal times (first/last by rowid), non-ASCII text, doubles next to halves.
prepare edge_data "$src/tests/sql/edge_data" tests/sql/edge_cases.seg
duck "$src/tests/sql/edge_data" "$work/edge_data/results" "$work/edge_data/"{queries,combined,events}.sql \
  >/dev/null 2>"$work/duck.err" ||
  fail "edge_data: duckdb_run.mjs failed: $(head -3 "$work/duck.err")"
agree edge_data 90 "$src/tests/sql/edge_data" tests/sql/edge_cases.seg

# The queries depend on no session setting: the same members with another time zone (the
# ICU extension's TIMESTAMPTZ functions would follow it) and NULLs sorted first by default.
settings="SET TimeZone = 'Asia/Kolkata'; SET default_null_order = 'nulls_first'"
for label in crm edge_data; do
  [ "$label" = crm ] && data="$work/data" || data="$src/tests/sql/edge_data"
  rm -rf "$work/$label/results"
  SEG_DUCKDB_SETTINGS="$settings" duck "$data" "$work/$label/results" \
    "$work/$label/"{queries,combined,events}.sql >/dev/null 2>"$work/duck.err" ||
    fail "$label (settings): duckdb_run.mjs failed: $(head -3 "$work/duck.err")"
  echo "duckdb_agreement: $label, again after $settings:"
  agree "$label" 1 "$data" $([ "$label" = crm ] && echo "${crm[@]}" || echo tests/sql/edge_cases.seg)
done

# Equal times: the engines add a contact's floats in time order and equal times in load
# order; so does DuckDB (ORDER BY "at", rowid). 1e16 + 1 − 1e16 is 0 in that order only.
mkdir -p "$work/ties"
cp "$src/tests/sql/edge_data/contacts.csv" "$src/tests/sql/edge_data/events.csv" "$work/ties/"
for amount in 10000000000000000 1 -10000000000000000; do
  echo "4,purchase,2026-10-28T00:00:00Z,$amount,," >>"$work/ties/events.csv"
done
printf 'import "crm.schema.seg"\nsegment load_order = count(purchase) == 3 and sum(purchase.amount) == 0\nsegment load_order_avg = count(purchase) == 3 and avg(purchase.amount) == 0\n' >"$work/ties.seg"
cp examples/crm/crm.schema.seg "$work/"
prepare ties "$work/ties" "$work/ties.seg"
duck "$work/ties" "$work/ties/results" "$work/ties/"{queries,combined,events}.sql \
  >/dev/null 2>"$work/duck.err" || fail "ties: duckdb_run.mjs failed: $(head -3 "$work/duck.err")"
agree ties 2 "$work/ties" "$work/ties.seg"
expect_same "$work/ties/members/load_order.csv" <(printf 'id\n4\n') "ties: the JIT adds equal times in load order"

# Without --now the queries read DuckDB's clock (now()): each must run.
"$seg" sql "${crm[@]}" tests/sql/edge_cases.seg --dialect duckdb --table-prefix "$prefix" \
  >"$work/clock.sql" 2>"$work/clock.err"
"$seg" sql "${crm[@]}" --dialect duckdb --table-prefix "$prefix" --combined >"$work/clock-combined.sql" 2>&1
duck "$work/data" "$work/clock-results" "$work/clock.sql" "$work/clock-combined.sql" >"$work/clock.txt" 2>&1 ||
  fail "clock: duckdb_run.mjs failed: $(head -3 "$work/clock.txt")"
expect_contains "$work/clock.txt" "$(($(grep -c '^-- ' "$work/clock.sql") + 1)) queries run, 0 refused" \
  "without --now, every query runs on DuckDB"
for err in "$work"/clock-results/*/*.err; do
  [ -f "$err" ] && fail "clock: ${err##*/}: $(head -2 "$err")"
done

finish duckdb_agreement
