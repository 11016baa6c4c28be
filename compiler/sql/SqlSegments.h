// Compiles a plan's segments and partitions to SQL (PostgreSQL, ClickHouse, DuckDB): one
// SELECT per segment returning its members' contact keys, one per partition returning each
// contact's branch (by name), or the reason it cannot be translated yet.
#pragma once

#include "sql/SqlQueryContext.h"

#include <string>
#include <vector>

namespace seg::sql {

struct SegmentQuery {
  std::string name;
  std::string sql;        // the query, ending in ";\n"; empty when `error` is set
  std::string error;      // "segment 'x' uses decayed event counts …, which the SQL back end …"
  bool partition = false; // columns contact_key, branch
};

// Every segment and partition of the plan (those that the program defines), in plan order.
std::vector<SegmentQuery> segmentQueries(const QueryContext& context);

// One segment's or partition's query (slot `slot`, a Segment or Partition slot).
SegmentQuery segmentQuery(const QueryContext& context, std::int32_t slot);

} // namespace seg::sql
