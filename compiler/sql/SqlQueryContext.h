// What every part of a query's translation shares: the plan, its schema, the dialect, the
// table names, the evaluation time, and how a translation reports a construct the SQL back
// end does not translate yet (so it never writes wrong SQL).
#pragma once

#include "plan/Plan.h"
#include "sema/CheckedSchema.h"
#include "sql/SqlDdl.h"
#include "sql/SqlDialect.h"

#include <cstdint>
#include <optional>
#include <string>

namespace seg::sql {

struct QueryContext {
  const plan::Plan& plan;
  const CheckedSchema& schema;
  Dialect dialect = Dialect::Postgres;
  TableNames names;
  std::optional<std::int64_t> now; // the evaluation time (µs since 1970); none: the server's
  // Every event row's contact_key is the key of a row of contacts (true of the tables `seg
  // export` writes, and of warehouses whose event tables have a foreign key to contacts): a
  // segment that reads no contact field and holds no contact without events of some type is
  // then answered from that type's grouped events, without reading the contacts.
  bool eventsNameContacts = false;
};

// The first construct a translation met that it cannot translate, e.g. "sequences (then)".
struct Unsupported {
  std::string construct;
  std::string through; // the definition it was reached through ("score 'engagement'"), if any
};

// A timestamp (µs since 1970, UTC) as a TIMESTAMPTZ literal, exact to the microsecond.
std::string timestampLiteral(std::int64_t micros);
// Whether timestampLiteral can write `micros` (years 1 to 9999).
bool literalTimestamp(std::int64_t micros);
// `column OP time` for a TIMESTAMPTZ column: against a literal when it can be written (so an
// index serves it), else on the column's microseconds.
std::string compareTime(const std::string& column, const char* op, std::int64_t micros,
                        Dialect dialect = Dialect::Postgres);
// The evaluation time as µs since 1970 (BIGINT): the literal of `context.now`, or the
// server's transaction time.
std::string nowMicros(const QueryContext& context);
// The evaluation time as a TIMESTAMPTZ.
std::string nowTimestamp(const QueryContext& context);
// A TIMESTAMPTZ expression as µs since 1970 (BIGINT), exactly: PostgreSQL's EXTRACT gives a
// NUMERIC; DuckDB's a DOUBLE, which is not exact to the microsecond, so there epoch_us().
std::string microsOf(const std::string& timestampSql, Dialect dialect = Dialect::Postgres);
// a ÷ b of two BIGINT expressions, truncated towards zero (PostgreSQL's `/`; DuckDB's `/` is
// a float division, its `//` truncates).
std::string integerQuotient(const QueryContext& context, const std::string& a,
                            const std::string& b);
// floor(a ÷ divisor) of a BIGINT expression and a positive divisor, in integer arithmetic
// (the quotient truncates towards zero; no NUMERIC quotient that could round up to the next
// integer). ClickHouse: intDiv and modulo (its `/` is a float division).
std::string floorDivide(const QueryContext& context, const std::string& a, std::int64_t divisor);
// The column that tells two rows of one event table apart and orders them as loaded:
// PostgreSQL's ctid (the physical row), DuckDB's rowid (insertion order).
std::string rowIdentity(const QueryContext& context);
// The ORDER BY of a float sum over events: time order, as the engines add; DuckDB also puts
// equal times in load order (rowid), as the engines do, so its sums are theirs to the bit.
std::string additionOrder(const QueryContext& context);

} // namespace seg::sql
