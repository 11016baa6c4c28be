// `seg sql --combined`: one query returning, per contact, its key, every segment's membership
// (true/false) and every partition's branch (by name, null in none) — the event aggregates
// of all of them over one grouped subquery per event type, as the JIT shares one pass.
#pragma once

#include "sql/SqlQueryContext.h"

#include <string>
#include <vector>

namespace seg::sql {

struct CombinedQuery {
  std::string sql;                  // ends in ";\n"; empty when nothing could be translated
  std::vector<std::string> columns; // after contact_key: the segments and partitions, in order
  // Definitions left out, each "segment 'x' uses …, which the SQL back end does not
  // translate yet".
  std::vector<std::string> errors;
};

// Every segment and partition the program defines (or those named in `only`), in plan order.
CombinedQuery combinedQuery(const QueryContext& context, const std::vector<std::string>& only = {});

} // namespace seg::sql
