// Compiles a plan's metrics to SQL: one query per metric returning a row per group (the `by`
// keys, the group's contacts, the value), in the order the local report lists them, or the
// reason the metric cannot be translated yet.
#pragma once

#include "sql/SqlQueryContext.h"

#include <cstddef>
#include <string>
#include <vector>

namespace seg::sql {

struct MetricQuery {
  std::string name;
  std::size_t metric = 0; // index in plan.metrics
  // Columns: each `by` key (enum values and branches by name, booleans as the dialect
  // writes them, timestamps as µs), seg_contacts (the group's size), the value. Ends in ";\n";
  // empty on error.
  std::string sql;
  std::string error; // "metric 'x' uses …, which the SQL back end does not translate yet"
};

// Every metric of the plan, in plan order.
std::vector<MetricQuery> metricQueries(const QueryContext& context);

// One metric's query (plan.metrics[index]).
MetricQuery metricQuery(const QueryContext& context, std::size_t index);

} // namespace seg::sql
