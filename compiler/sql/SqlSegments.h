// Compiles a plan's segments to PostgreSQL: one SELECT per segment returning its members'
// contact keys, or the reason it cannot be translated yet.
#pragma once

#include "sql/SqlQueryContext.h"

#include <string>
#include <vector>

namespace seg::sql {

struct SegmentQuery {
  std::string name;
  std::string sql;   // the query, ending in ";\n"; empty when `error` is set
  std::string error; // "segment 'x' uses sequences (then), which the SQL back end …"
};

// Every segment of the plan (those that the program defines), in plan order.
std::vector<SegmentQuery> segmentQueries(const QueryContext& context);

// One segment's query (slot `slot`, a Segment slot).
SegmentQuery segmentQuery(const QueryContext& context, std::int32_t slot);

} // namespace seg::sql
