#!/usr/bin/env bash
# `seg sql` against a real PostgreSQL 15: starts a throwaway server on 127.0.0.1 (data in a
# temporary folder, run as an unprivileged user when we are root, stopped by PID at the end
# whatever happens), creates the tables of `seg sql --ddl`, loads `seg gen` data into them,
# runs every examples/crm segment the SQL back end translates and requires the same members
# as `seg run` (the JIT) on the same data at the same `--now`, and every score's statistics
# and metric's groups of `seg run --engine postgres` equal to the JIT's. Exits 77 (CTest's skip code)
# with a loud message when no server can be started here (tests/sql/pg_server.sh).
# SEG_SQL_CONTACTS and SEG_SQL_SEED change the data (2000, 11).
# Random programs of the differential test's generator are run with `seg run --engine
# postgres` the same way (tests/sql/random_programs.sh).
# Usage: postgres_agreement_test.sh SEG_BINARY SOURCE_DIR FUZZ_PROGRAMS
set -uo pipefail
seg="$1"
src="$2"
fuzz_programs="$3"
. "$src/tests/cli/lib.sh"
. "$src/tests/sql/combined_agreement.sh"
now=2026-11-01T00:00:00Z
prefix=seg_
. "$src/tests/sql/pg_server.sh"
start_server postgres_agreement

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
expect_status 0 "gen" "$seg" gen --contacts "${SEG_SQL_CONTACTS:-2000}" --seed "${SEG_SQL_SEED:-11}" --out "$work/data"

# The tables, and the data in them: contacts as they are, events through a staging table
# (one file holds every type) into one table per type, each column cast to its type.
expect_status 0 "ddl" "$seg" sql "${crm[@]}" --dialect postgres --ddl --table-prefix "$prefix"
cp "$work/out" "$work/ddl.sql"
expect_status 0 "create the tables" psql_run -f "$work/ddl.sql"
# Loads a folder of contacts.csv and events.csv into the (emptied) tables.
load_data() { # folder
  data="$1"
  contact_columns="$(head -1 "$1/contacts.csv")"
  event_columns="$(head -1 "$1/events.csv")"
  staging_columns="$(echo "$event_columns" | sed 's/,/ TEXT, /g; s/$/ TEXT/')"
  cat >"$work/load.sql" <<SQL
TRUNCATE ${prefix}contacts, $(for t in purchase email_open email_click page_view friend_added form_submit cart_abandoned support_ticket; do printf "${prefix}event_%s, " $t; done | sed "s/, $//");
\\copy ${prefix}contacts ($contact_columns) FROM '$1/contacts.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE staging ($staging_columns);
\\copy staging FROM '$1/events.csv' WITH (FORMAT csv, HEADER true)
DO \$\$
DECLARE
  t record;
  cols text;
  vals text;
BEGIN
  FOR t IN SELECT table_name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name LIKE '${prefix}event\\_%' LOOP
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
           string_agg(format('CAST(%s AS %s)',
                             CASE column_name WHEN 'contact_key' THEN 'contact_id'
                                              ELSE quote_ident(column_name) END, data_type),
                      ', ' ORDER BY ordinal_position)
      INTO cols, vals
      FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = t.table_name;
    EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM staging WHERE type = %L',
                   t.table_name, cols, vals, substr(t.table_name, length('${prefix}event_') + 1));
  END LOOP;
END
\$\$;
ANALYZE;
SQL
  expect_status 0 "load the data" psql_run -f "$work/load.sql"
  psql_run -At -c "SELECT (SELECT count(*) FROM ${prefix}contacts) || ' contacts, ' || (
    SELECT sum(n) FROM (SELECT count(*) AS n FROM ${prefix}event_purchase UNION ALL
    SELECT count(*) FROM ${prefix}event_page_view UNION ALL SELECT count(*) FROM ${prefix}event_email_open
    UNION ALL SELECT count(*) FROM ${prefix}event_email_click) s) || ' events (4 largest types)'" \
    >"$work/counts" 2>&1
  echo "postgres_agreement: loaded $(cat "$work/counts")"
  expect_contains "$work/counts" "$(($(wc -l <"$1/contacts.csv") - 1)) contacts" "every contact loaded"
  events_csv=$(($(wc -l <"$1/events.csv") - 1))
  events_pg="$(psql_run -At -c "SELECT sum(n) FROM (
    $(for t in purchase email_open email_click page_view friend_added form_submit cart_abandoned support_ticket; do
      echo "SELECT count(*) AS n FROM ${prefix}event_$t UNION ALL"
    done) SELECT 0) s")"
  [ "$events_pg" = "$events_csv" ] && pass || fail "events loaded: $events_pg of $events_csv"
}

# The JIT's members, then each translated segment's query on the server: for the CRM example
# and for the edge cases of tests/sql/edge_cases.seg.
agree() { # label minimum-translated program-files... (over the data last loaded)
  local label="$1" minimum="$2"
  shift 2
  local out="$work/$label"
  mkdir -p "$out"
  expect_status 0 "$label: seg run" "$seg" run "$@" --data "$data" --now "$now" --engine jit \
    --members "$out/members" --format json --no-timings
  "$seg" sql "$@" --dialect postgres --now "$now" --table-prefix "$prefix" \
    >"$out/queries.sql" 2>"$out/untranslated.txt"
  local segments translated=0 matched=0 nonempty=0 name
  segments=$(cat "$@" | grep -cE '^segment [a-z0-9_]+ *=')
  for name in $(sed -n 's/^-- segment //p' "$out/queries.sql"); do
    translated=$((translated + 1))
    awk -v name="$name" '/^-- (segment|partition|score|metric) /{on = ($2 == "segment" && $3 == name)} on' \
      "$out/queries.sql" >"$out/q.sql"
    if ! psql_run -At -f "$out/q.sql" >"$out/pg.txt" 2>"$out/pg.err"; then
      fail "$label: segment $name: the server refused the query: $(head -3 "$out/pg.err")"
      continue
    fi
    sort -n "$out/pg.txt" >"$out/pg.sorted"
    tail -n +2 "$out/members/$name.csv" | cut -d, -f1 | sort -n >"$out/jit.sorted"
    if cmp -s "$out/pg.sorted" "$out/jit.sorted"; then
      matched=$((matched + 1))
      pass
      [ -s "$out/jit.sorted" ] && nonempty=$((nonempty + 1))
    else
      fail "$label: segment $name: PostgreSQL has $(wc -l <"$out/pg.sorted") members, the JIT $(wc -l <"$out/jit.sorted")"
      diff "$out/pg.sorted" "$out/jit.sorted" | head -5 | sed 's/^/  | /'
    fi
  done
  echo "postgres_agreement: $label: $translated of $segments segments translate; $matched match" \
    "the JIT ($nonempty of them non-empty)"
  # The tables loaded here have no event without its contact: segments reading no contact
  # field are answered from their events alone, with the same members.
  "$seg" sql "$@" --dialect postgres --now "$now" --table-prefix "$prefix" --events-name-contacts \
    >"$out/events.sql" 2>/dev/null
  local unjoined=0
  for name in $(sed -n 's/^-- segment //p' "$out/events.sql"); do
    awk -v name="$name" '/^-- (segment|partition|score|metric) /{on = ($2 == "segment" && $3 == name)} on' \
      "$out/events.sql" >"$out/q.sql"
    grep -q "^FROM ${prefix}contacts AS c" "$out/q.sql" || unjoined=$((unjoined + 1))
    psql_run -At -f "$out/q.sql" 2>"$out/pg.err" | sort -n >"$out/pg.sorted"
    tail -n +2 "$out/members/$name.csv" | cut -d, -f1 | sort -n >"$out/jit.sorted"
    cmp -s "$out/pg.sorted" "$out/jit.sorted" && pass ||
      fail "$label: --events-name-contacts: segment $name: PostgreSQL has $(wc -l <"$out/pg.sorted") members, the JIT $(wc -l <"$out/jit.sorted") $(head -2 "$out/pg.err")"
  done
  [ "$unjoined" -gt 0 ] && pass || fail "$label: --events-name-contacts: every query still reads the contacts"
  echo "postgres_agreement: $label: --events-name-contacts: $unjoined segments answered from their events"
  # Partitions: each branch's contacts equal the JIT's member file of that branch.
  local partitions=0 branches=0 branch
  for name in $(sed -n 's/^-- partition //p' "$out/queries.sql"); do
    partitions=$((partitions + 1))
    awk -v name="$name" '/^-- (segment|partition|score|metric) /{on = ($2 == "partition" && $3 == name)} on' \
      "$out/queries.sql" >"$out/q.sql"
    if ! psql_run -At -F, -f "$out/q.sql" >"$out/pg.txt" 2>"$out/pg.err"; then
      fail "$label: partition $name: the server refused the query: $(head -3 "$out/pg.err")"
      continue
    fi
    for file in "$out/members/$name".*.csv; do
      branch="${file##*/$name.}"
      branch="${branch%.csv}"
      branches=$((branches + 1))
      awk -F, -v b="$branch" '$2 == b {print $1}' "$out/pg.txt" | sort -n >"$out/pg.sorted"
      tail -n +2 "$file" | cut -d, -f1 | sort -n >"$out/jit.sorted"
      if cmp -s "$out/pg.sorted" "$out/jit.sorted"; then pass; else
        fail "$label: partition $name, branch $branch: PostgreSQL has $(wc -l <"$out/pg.sorted") contacts, the JIT $(wc -l <"$out/jit.sorted")"
      fi
    done
    # no contact twice, none in a branch the JIT does not have
    [ "$(cut -d, -f1 "$out/pg.txt" | sort | uniq -d | wc -l)" -eq 0 ] && pass ||
      fail "$label: partition $name: a contact in two branches"
    local jit_rows
    jit_rows=$(cat "$out/members/$name".*.csv | grep -vc '^[a-z_]*$')
    [ "$(wc -l <"$out/pg.txt")" -eq "$jit_rows" ] && pass ||
      fail "$label: partition $name: $(wc -l <"$out/pg.txt") contacts in a branch on PostgreSQL, $jit_rows with the JIT"
  done
  echo "postgres_agreement: $label: $partitions partition(s), $branches branches compared"
  sed "s/^/postgres_agreement: $label: not translated: /" "$out/untranslated.txt"
  # Every segment is either translated or refused with the construct named.
  local refused
  refused=$(grep -c "seg sql: segment .* does not translate yet" "$out/untranslated.txt")
  [ $((translated + refused)) -eq "$segments" ] && pass ||
    fail "$label: $translated translated + $refused refused != $segments segments"
  [ "$translated" -ge "$minimum" ] && pass ||
    fail "$label: only $translated segments translate (expected at least $minimum)"
  combined_agree "$label" "$out" "$@"
}

# --combined: one query, a column per segment (t/f) and per partition (the branch); each
# column's members equal the JIT's, and it has the columns the separate queries have.
combined_agree() { # label out program-files...
  local label="$1" out="$2"
  shift 2
  "$seg" sql "$@" --dialect postgres --now "$now" --table-prefix "$prefix" --combined \
    >"$out/combined.sql" 2>"$out/combined.err"
  if ! psql_run -A -F, -P footer=off -f "$out/combined.sql" >"$out/combined.csv" 2>"$out/pg.err"; then
    fail "$label: combined: the server refused the query: $(head -3 "$out/pg.err")"
    return
  fi
  compare_combined postgres_agreement "$label" "$out/combined.csv" "$out/queries.sql" \
    "$out/members" "$data/contacts.csv"
}
# The whole report: every score's statistics and every metric's groups equal the JIT's
# (tests/sql/report_agreement.sh).
. "$src/tests/sql/report_agreement.sh"
dsn="postgres://seg@127.0.0.1:$port/postgres"
load_data "$work/data"
agree crm 46 "${crm[@]}"
agree edge_cases 99 tests/sql/edge_cases.seg
report_agree postgres_agreement_crm postgres "$work/data" 2 26 --engine postgres --dsn "$dsn" -- \
  "${crm[@]}" examples/crm/metrics.seg
report_agree postgres_agreement_edge_cases postgres "$work/data" 4 33 --engine postgres --dsn "$dsn" -- \
  tests/sql/edge_cases.seg
. "$src/tests/sql/random_programs.sh"
random_agree postgres_agreement "$fuzz_programs" postgres "$work/data" --engine postgres \
  --dsn "postgres://seg@127.0.0.1:$port/postgres"
# Hand-made data at the edges: microseconds around day and window boundaries, 1969,
# events after now, equal times, non-ASCII text, the doubles next to rounding halves.
load_data "$src/tests/sql/edge_data"
agree edge_data 99 tests/sql/edge_cases.seg
report_agree postgres_agreement_edge_data postgres "$src/tests/sql/edge_data" 4 33 --engine postgres \
  --dsn "$dsn" -- tests/sql/edge_cases.seg

stop_server
finish postgres_agreement
