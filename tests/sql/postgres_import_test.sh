#!/usr/bin/env bash
# `seg import --from postgres://…` against a real PostgreSQL 15 (the throwaway server of
# tests/sql/pg_server.sh; exits 77 without one): generated data exported with `seg export`
# and imported back gives a snapshot on which `seg run` answers exactly as on the original;
# tables with other names (--contacts-table, --events-table-prefix) and text columns holding
# bad values are loaded by the CSV loader's rules: the same messages, the same --max-errors
# and nothing written past it; a closed port and a missing table fail with exit 1.
# Usage: postgres_import_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
now=2026-11-01T00:00:00Z
. "$src/tests/sql/pg_server.sh"
start_server postgres_import
dsn="postgres://seg@127.0.0.1:$port/postgres"
command -v jq >/dev/null || skip "no jq"

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
expect_status 0 "gen" "$seg" gen --contacts 1500 --seed 3 --out "$work/data"
expect_status 0 "import the files" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/files.segdb"
expect_status 0 "export" "$seg" export --data "$work/files.segdb" --to "$dsn" --schema-file examples/crm/crm.schema.seg

# 1. Round trip: the snapshot from the server answers as the one from the files.
expect_status 0 "import --from" "$seg" import --schema examples/crm/crm.schema.seg --from "$dsn" -o "$work/server.segdb" --verify
expect_contains "$work/err" "contacts.csv: 1,500 rows read, 1,500 loaded, 0 rejected" "the loader's report, per table"
expect_contains "$work/err" "event_page_view.csv:" "each event table reported"
expect_contains "$work/out" "1,500 contacts" "every contact"
for snapshot in files server; do
  "$seg" run "${crm[@]}" --data "$work/$snapshot.segdb" --now "$now" --format json --no-timings \
    --members "$work/members_$snapshot" >"$work/$snapshot.json" 2>/dev/null
done
filter='{contacts, segments, partitions, scores, metrics, warnings}'
if diff <(jq -S "$filter" "$work/files.json") <(jq -S "$filter" "$work/server.json") >"$work/diff"; then pass; else
  fail "the imported snapshot answers differently"
  head -10 "$work/diff" | sed 's/^/  | /'
fi
diff -r "$work/members_files" "$work/members_server" >/dev/null && pass || fail "member files differ"

# 2. Other names, text columns and bad values: the CSV loader's rules and messages.
psql_run <<'SQL'
CREATE TABLE crm_people AS SELECT * FROM contacts;
ALTER TABLE crm_people ALTER COLUMN age TYPE TEXT;
UPDATE crm_people SET age = 'abc' WHERE id = 2;
UPDATE crm_people SET age = '' WHERE id = 3; -- the empty string: "" in CSV, not a missing value
UPDATE crm_people SET age = NULL WHERE id = 4; -- a missing value: null
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT substr(table_name, 7) FROM information_schema.tables WHERE table_name LIKE 'event\_%' LOOP
    EXECUTE format('CREATE TABLE %I AS SELECT * FROM %I', 'crm_ev_' || t, 'event_' || t);
  END LOOP;
END $$;
INSERT INTO crm_ev_purchase VALUES (999999, TIMESTAMPTZ '2026-10-01 00:00:00+00', 5.0);
SQL
expect_status 1 "bad rows" "$seg" import --schema examples/crm/crm.schema.seg --from "$dsn" \
  --contacts-table crm_people --events-table-prefix crm_ev_ -o "$work/bad.segdb"
expect_contains "$work/err" "crm_people.csv:3: column 'age': value 'abc' is not a valid int" "a bad value, as the CSV loader says it"
expect_contains "$work/err" "event for an unknown contact '999999'" "an unknown contact"
expect_contains "$work/err" "nothing was written" "nothing written past --max-errors"
[ ! -e "$work/bad.segdb" ] && pass || fail "a snapshot was written despite bad rows"
expect_status 0 "bad rows tolerated" "$seg" import --schema examples/crm/crm.schema.seg --from "$dsn" \
  --contacts-table crm_people --events-table-prefix crm_ev_ -o "$work/bad.segdb" --max-errors 1000
expect_contains "$work/out" "1,498 contacts" "the two bad contacts left out (their events too)"
expect_contains "$work/err" "crm_people.csv:4: column 'age': value '' is not a valid int" "the empty string is not a missing value"

# 3. Errors.
expect_status 1 "closed port" "$seg" import --schema examples/crm/crm.schema.seg --from "postgres://seg@127.0.0.1:$((port + 30))/postgres" -o "$work/x.segdb"
expect_contains "$work/err" "cannot connect to the server" "a closed port"
expect_status 1 "missing table" "$seg" import --schema examples/crm/crm.schema.seg --from "$dsn" --contacts-table nope -o "$work/x.segdb"
expect_contains "$work/err" "the table nope does not exist" "a missing table named"
expect_status 2 "not a dsn" "$seg" import --schema examples/crm/crm.schema.seg --from "/tmp/x" -o "$work/x.segdb"

stop_server
finish postgres_import
