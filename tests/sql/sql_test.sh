#!/usr/bin/env bash
# `seg sql` without a server: the CREATE TABLE statements of the CRM schema in each dialect
# equal their golden files (tests/sql/golden/; SEG_UPDATE_GOLDEN=1 rewrites them), usage
# errors exit 2.
# Usage: sql_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
golden="$src/tests/sql/golden"
cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)

expect_golden() { # produced-file golden-name description
  if [ "${SEG_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$1" "$golden/$2"
    pass
  else
    expect_same "$golden/$2" "$1" "$3 differs from tests/sql/golden/$2"
  fi
}

for dialect in postgres clickhouse duckdb; do
  expect_status 0 "ddl $dialect" "$seg" sql "${crm[@]}" --dialect "$dialect" --ddl
  expect_golden "$work/out" "crm.ddl.$dialect.sql" "--ddl --dialect $dialect"
done
expect_status 0 "ddl with a prefix" "$seg" sql examples/crm/crm.schema.seg --dialect clickhouse --ddl --table-prefix crm_
expect_contains "$work/out" "CREATE TABLE crm_contacts (" "prefixed contacts table"
expect_contains "$work/out" "CREATE TABLE crm_event_page_view (" "prefixed event table"

# Usage errors.
expect_status 2 "unknown dialect" "$seg" sql "${crm[@]}" --dialect oracle
expect_contains "$work/err" "'oracle' is not a dialect" "bad dialect named"
expect_status 2 "bad --now" "$seg" sql "${crm[@]}" --dialect postgres --now yesterday
printf 'segment s = age > \n' >"$work/bad.seg"
expect_status 1 "a program with errors" "$seg" sql "$work/bad.seg" --dialect postgres --ddl
finish sql
