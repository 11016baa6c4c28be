#!/usr/bin/env bash
# `seg export --to postgres://…` and `seg run --engine postgres` against a real PostgreSQL 15
# (the throwaway server of tests/sql/pg_server.sh; exits 77 without one): exports `seg gen`
# data, the edge-case data and values COPY must escape, and checks them on the server; that
# `seg run --engine postgres` prints the JIT's counts and member files; that a second export
# replaces the rows; that a bad address or user fails with the server's words and exit 1;
# and that a failed or killed export leaves the previous rows untouched (one transaction).
# SEG_SQL_CONTACTS and SEG_SQL_SEED change the data (2000, 11).
# Usage: postgres_export_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
now=2026-11-01T00:00:00Z
prefix=seg_
. "$src/tests/sql/pg_server.sh"
start_server postgres_export
dsn="postgres://seg@127.0.0.1:$port/postgres"

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
contacts="${SEG_SQL_CONTACTS:-2000}"
expect_status 0 "gen" "$seg" gen --contacts "$contacts" --seed "${SEG_SQL_SEED:-11}" --out "$work/data"
expect_status 0 "import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
expect_status 0 "gen small" "$seg" gen --contacts 300 --seed 5 --out "$work/small"
expect_status 0 "import small" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/small" -o "$work/small.segdb"
events_csv=$(($(wc -l <"$work/data/events.csv") - 1))
event_tables=(purchase email_open email_click page_view friend_added form_submit cart_abandoned support_ticket)

# "contacts events" on the server, for the tables of prefix $1.
server_counts() {
  psql_run -At -c "SELECT (SELECT count(*) FROM ${1}contacts) || ' ' || (SELECT sum(n) FROM (
    $(for t in "${event_tables[@]}"; do echo "SELECT count(*) AS n FROM ${1}event_$t UNION ALL"; done)
    SELECT 0) s)"
}

# 1. Into an empty database: the tables are created, every row written.
expect_status 0 "export" "$seg" export --data "$work/crm.segdb" --to "$dsn" --table-prefix "$prefix" \
  --schema-file examples/crm/crm.schema.seg
sed 's/^/postgres_export: /' "$work/out"
expect_contains "$work/out" "${prefix}contacts" "the report names the contacts table"
expect_contains "$work/out" "$(echo "$contacts" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') rows" "the report counts the contacts"
[ "$(server_counts "$prefix")" = "$contacts $events_csv" ] && pass ||
  fail "rows on the server: $(server_counts "$prefix"), expected $contacts $events_csv"
# Values as they were: the contacts read back as CSV equal the generated file where the
# formats agree (every column but the timestamps, which PostgreSQL prints its own way).
psql_run -At -F, -c "SELECT id, age, gender, company_size, plan, trial_days_left, lifetime_value,
  nps, email_opt_in FROM ${prefix}contacts ORDER BY id" >"$work/pg_contacts.csv"
tail -n +2 "$work/data/contacts.csv" | awk -F, '{print $1","$3","$4","$7","$9","$10","$13+0","$14","($16=="true"?"t":"f")}' >"$work/gen_contacts.csv"
awk -F, 'BEGIN{OFS=","} {$7=$7+0; print}' "$work/pg_contacts.csv" >"$work/pg_contacts9.csv"
expect_same "$work/pg_contacts9.csv" "$work/gen_contacts.csv" "contact values on the server"

# --member-fields: the same member files as the JIT's, values written as the engines write them
fields=email,signup_at,lifetime_value,email_opt_in,plan,age,nps
expect_status 0 "member fields (jit)" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now "$now" \
  --segment dach,lifecycle,recent_buyers --members "$work/fields_jit" --member-fields "$fields"
expect_status 0 "member fields (server)" "$seg" run "${crm[@]}" --engine postgres --dsn "$dsn" --table-prefix "$prefix" --now "$now" \
  --segment dach,lifecycle,recent_buyers --members "$work/fields_server" --member-fields "$fields"
diff -r "$work/fields_jit" "$work/fields_server" >/dev/null && pass || fail "member files with fields differ"
expect_status 0 "member fields, pii in clear" "$seg" run "${crm[@]}" --engine postgres --dsn "$dsn" --table-prefix "$prefix" --now "$now" \
  --segment dach --members "$work/fields_clear" --member-fields email --allow-pii
expect_absent "$work/fields_clear/dach.csv" '\*\*\*' "--allow-pii writes emails in clear"

# 2. seg run --engine postgres agrees with the JIT: every translated segment and partition,
# the same counts and percentages and the same member files.
"$seg" sql "${crm[@]}" --dialect postgres >/dev/null 2>"$work/untranslated.txt"
selection=$("$seg" sql "${crm[@]}" --dialect postgres 2>/dev/null | sed -n 's/^-- \(segment\|partition\) //p' | paste -sd,)
expect_status 0 "run on the JIT" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now "$now" \
  --segment "$selection" --format json --no-timings --members "$work/members_jit"
cp "$work/out" "$work/jit.json"
expect_status 0 "run on PostgreSQL" "$seg" run "${crm[@]}" --engine postgres --dsn "$dsn" \
  --table-prefix "$prefix" --now "$now" --segment "$selection" --format json --no-timings \
  --members "$work/members_pg"
cp "$work/out" "$work/pg.json"
jq -S '{contacts, only, segments, partitions, warnings}' "$work/jit.json" >"$work/jit.cmp"
jq -S '{contacts, only, segments, partitions, warnings}' "$work/pg.json" >"$work/pg.cmp"
expect_same "$work/pg.cmp" "$work/jit.cmp" "segments and partitions on PostgreSQL equal the JIT's"
echo "postgres_export: crm: $(jq '.segments | length' "$work/pg.json") segments and" \
  "$(jq '.partitions | length' "$work/pg.json") partition(s) equal the JIT's," \
  "$(jq '[.segments[].members] | add' "$work/pg.json") memberships"
if diff -r "$work/members_pg" "$work/members_jit" >"$work/members.diff"; then pass; else
  fail "member files differ"
  head -10 "$work/members.diff" | sed 's/^/  | /'
fi
[ "$(ls "$work/members_pg" | wc -l)" -ge 45 ] && pass || fail "too few member files: $(ls "$work/members_pg" | wc -l)"
expect_status 0 "table on PostgreSQL" "$seg" run "${crm[@]}" --engine postgres \
  --dsn "postgres://seg:secret@127.0.0.1:$port/postgres" --table-prefix "$prefix" --now "$now" \
  --segment "$selection"
expect_contains "$work/out" "engine postgres" "the table names the engine"
expect_contains "$work/out" "postgres://seg:***@127.0.0.1" "the table hides the password"
expect_absent "$work/out" "secret" "no password in the report"
# Untranslated definitions: named, nothing run, exit 1 (every segment of the CRM example
# translates, so a program of its own).
printf 'import "crm.schema.seg"\nsegment adults = age >= 18\nsegment nested = ntile(3, ntile(4, age)) == 1\n' \
  >"$work/refused.seg"
cp examples/crm/crm.schema.seg "$work/"
expect_status 1 "run an untranslated program on PostgreSQL" "$seg" run "$work/refused.seg" --engine postgres \
  --dsn "$dsn" --table-prefix "$prefix" --now "$now"
expect_contains "$work/err" "segment 'nested' uses an ntile of a value that reads another ntile" "the untranslated segment is named"
expect_contains "$work/err" "runs nothing" "nothing runs when a definition does not translate"
[ -s "$work/out" ] && fail "a report was printed although a segment does not translate" || pass
expect_status 2 "postgres without --dsn" "$seg" run "${crm[@]}" --engine postgres --now "$now"

# 3. The edge-case data (microseconds at day boundaries, 1969, doubles next to rounding
# halves, non-ASCII text) read from the folder with the schema file: PostgreSQL and the JIT
# agree on every edge-case segment.
expect_status 0 "export the edge data" "$seg" export --data tests/sql/edge_data --to "$dsn" \
  --table-prefix edge_ --schema-file tests/sql/edge_cases.seg
expect_status 0 "edge cases on the JIT" "$seg" run tests/sql/edge_cases.seg --data tests/sql/edge_data \
  --now "$now" --format json --no-timings --members "$work/edge_jit"
cp "$work/out" "$work/edge_jit.json"
expect_status 0 "edge cases on PostgreSQL" "$seg" run tests/sql/edge_cases.seg --engine postgres \
  --dsn "$dsn" --table-prefix edge_ --now "$now" --format json --no-timings --members "$work/edge_pg"
jq -S '{contacts, segments, partitions}' "$work/edge_jit.json" >"$work/jit.cmp"
jq -S '{contacts, segments, partitions}' "$work/out" >"$work/pg.cmp"
expect_same "$work/pg.cmp" "$work/jit.cmp" "edge cases: PostgreSQL equals the JIT"
diff -r "$work/edge_pg" "$work/edge_jit" >/dev/null && pass || fail "edge cases: member files differ"
echo "postgres_export: edge cases: $(jq '.segments | length' "$work/out") segments equal the JIT's"

# 3b. Values that COPY's text format must escape or that lose precision when printed
# loosely: backslashes, tabs, line breaks, quotes and non-ASCII in text; doubles that need
# 17 digits and the smallest subnormal; timestamps one microsecond around 1970 and year 1.
mkdir -p "$work/escapes"
cat >"$work/escapes/contacts.csv" <<'CSV'
id,email,age,gender,country,city,company_size,industry,plan,trial_days_left,signup_at,last_seen_at,lifetime_value,nps,device,email_opt_in
1,a@x.de,,female,DE,"back\slash	tab
newline ""quoted""",0,software,trial,3,1969-12-31T23:59:59.999999Z,1970-01-01T00:00:00.000001Z,0.1,,mobile,true
2,b@y.com,30,male,FR,\N,10,finance,free,,0001-01-01T00:00:00Z,9999-12-31T23:59:59.999999Z,123456789.12345679,9,desktop,false
3,c@z.ch,99,other,CH,Zürich \\ ÉCOLE,5,media,pro,,2026-10-17T23:59:59.999999Z,2026-11-01T00:00:00Z,5e-324,0,tablet,true
4,d@z.ch,1,other,CH,x,5,media,pro,,2026-10-17T23:59:59Z,2026-11-01T00:00:00Z,-0.30000000000000004,0,tablet,true
CSV
printf 'contact_id,type,at,amount,campaign,url\n1,purchase,2026-10-25T00:00:00.000001Z,0.30000000000000004,,\n' >"$work/escapes/events.csv"
expect_status 0 "export the escapes" "$seg" export --data "$work/escapes" --to "$dsn" \
  --table-prefix esc_ --schema-file examples/crm/crm.schema.seg
psql_run -At -F'|' -c "SELECT id, city = CASE id WHEN 1 THEN E'back\\\\slash\\ttab\\nnewline \"quoted\"'
    WHEN 2 THEN '\\N' WHEN 3 THEN E'Zürich \\\\\\\\ ÉCOLE' ELSE 'x' END,
  (extract(epoch FROM signup_at) * 1000000)::bigint, (extract(epoch FROM last_seen_at) * 1000000)::bigint,
  lifetime_value::text FROM esc_contacts ORDER BY id" >"$work/escapes.txt" 2>&1
cat >"$work/escapes.expected" <<'TXT'
1|t|-1|1|0.1
2|t|-62135596800000000|253402300799999999|123456789.12345679
3|t|1792281599999999|1793491200000000|5e-324
4|t|1792281599000000|1793491200000000|-0.30000000000000004
TXT
expect_same "$work/escapes.txt" "$work/escapes.expected" "escaped text, exact doubles and microseconds read back"
[ "$(psql_run -At -c "SELECT amount::text || ' ' || (extract(epoch FROM at) * 1000000)::bigint FROM esc_event_purchase")" = \
  "0.30000000000000004 1792886400000001" ] && pass || fail "an event's amount and time read back"

# 4. A second export into the same tables replaces their rows (here with a smaller data set,
# then the first again); without --schema-file the tables must exist.
expect_status 0 "second export" "$seg" export --data "$work/small.segdb" --to "$dsn" --table-prefix "$prefix"
small_events=$(($(wc -l <"$work/small/events.csv") - 1))
[ "$(server_counts "$prefix")" = "300 $small_events" ] && pass ||
  fail "after the second export: $(server_counts "$prefix"), expected 300 $small_events"
expect_status 0 "third export" "$seg" export --data "$work/crm.segdb" --to "$dsn" --table-prefix "$prefix"
[ "$(server_counts "$prefix")" = "$contacts $events_csv" ] && pass || fail "after the third export: $(server_counts "$prefix")"
expect_status 1 "absent tables without --schema-file" "$seg" export --data "$work/crm.segdb" --to "$dsn" --table-prefix none_
expect_contains "$work/err" "does not exist; pass --schema-file" "absent tables are named"

# 5. Connection failures: the library's or the server's words, exit 1.
closed=$((port + 100))
expect_status 1 "a closed port" "$seg" export --data "$work/crm.segdb" --to "postgres://seg@127.0.0.1:$closed/postgres"
expect_contains "$work/err" "cannot connect to the server" "closed port: the message"
expect_contains "$work/err" "Connection refused" "closed port: the reason"
expect_status 1 "an unknown user" "$seg" export --data "$work/crm.segdb" --to "postgres://nosuchuser@127.0.0.1:$port/postgres"
expect_contains "$work/err" 'role "nosuchuser" does not exist' "unknown user: the server's words"
expect_status 1 "an unknown database" "$seg" run "${crm[@]}" --engine postgres --dsn "postgres://seg@127.0.0.1:$port/nosuchdb" --segment dach
expect_contains "$work/err" 'database "nosuchdb" does not exist' "unknown database: the server's words"
expect_status 2 "not a postgres address" "$seg" export --data "$work/crm.segdb" --to "$work/crm.segdb"

# 6. A column of the wrong type: the export fails naming the server's error, and the rows
# of the previous export are all still there (the TRUNCATE was rolled back with the rest).
psql_run -c "ALTER TABLE ${prefix}event_purchase ALTER COLUMN amount TYPE integer"
expect_status 1 "a column of the wrong type" "$seg" export --data "$work/small.segdb" --to "$dsn" --table-prefix "$prefix"
expect_contains "$work/err" "invalid input syntax for type integer" "wrong type: the server's words"
expect_contains "$work/err" "amount" "wrong type: the column"
expect_contains "$work/err" "nothing was written" "wrong type: the rollback is said"
[ "$(server_counts "$prefix")" = "$contacts $events_csv" ] && pass ||
  fail "after a failed export: $(server_counts "$prefix"), expected the previous $contacts $events_csv"
psql_run -c "ALTER TABLE ${prefix}event_purchase ALTER COLUMN amount TYPE double precision"

# 7. An export killed in the middle of a COPY: a trigger makes the last table slow, the
# export is killed (SIGKILL) while it writes it, and the server rolls everything back.
last="${prefix}event_support_ticket"
psql_run -c "CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END \$\$" \
  -c "CREATE TRIGGER slow BEFORE INSERT ON $last FOR EACH ROW EXECUTE FUNCTION slow_row()"
"$seg" export --data "$work/small.segdb" --to "$dsn" --table-prefix "$prefix" >"$work/killed.out" 2>&1 &
export_pid=$!
copying=""
for _ in $(seq 1 100); do
  copying=$(psql_run -At -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY $last%'")
  [ "$copying" = 1 ] && break
  sleep 0.1
done
[ "$copying" = 1 ] && pass || fail "the export never reached the COPY into $last"
kill -KILL "$export_pid" 2>/dev/null
wait "$export_pid" 2>/dev/null
for _ in $(seq 1 300); do # the server notices the closed connection, then rolls back
  [ "$(psql_run -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'seg'")" = 0 ] && break
  sleep 0.1
done
[ "$(server_counts "$prefix")" = "$contacts $events_csv" ] && pass ||
  fail "after a killed export: $(server_counts "$prefix"), expected the previous $contacts $events_csv"
psql_run -c "DROP TRIGGER slow ON $last"

stop_server
finish postgres_export
