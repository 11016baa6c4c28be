// `seg sql`: the program as SQL: CREATE TABLE statements for its schema (--ddl), or one
// query per segment returning the members' contact keys, one per partition returning each
// contact's branch, one per score returning each contact's value and one per metric returning
// its value per group (PostgreSQL, ClickHouse or DuckDB). A definition the SQL back end cannot
// translate yet is named on stderr with the construct, and the status is 1; the others'
// queries are still printed.
#include "Commands.h"
#include "Inputs.h"
#include "base/Suggest.h"
#include "load/ValueParser.h"
#include "plan/Lowering.h"
#include "sql/SqlCombined.h"
#include "sql/SqlDdl.h"
#include "sql/SqlMetrics.h"
#include "sql/SqlScores.h"
#include "sql/SqlSegments.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runSql(const SqlOptions& options) {
  std::optional<sql::Dialect> dialect = sql::dialectNamed(options.dialect);
  if (!dialect) {
    fmt::print(stderr, "seg sql: --dialect: '{}' is not a dialect (postgres, clickhouse, duckdb)\n",
               options.dialect);
    return 2;
  }
  std::optional<std::int64_t> now;
  if (!options.now.empty()) {
    runtime::Parsed<std::int64_t> parsed = runtime::parseTimestamp(options.now);
    if (!parsed.ok()) {
      fmt::print(stderr, "seg sql: --now: value '{}' {} (write e.g. 2026-11-01T00:00:00Z)\n",
                 options.now, runtime::errorFragment(parsed.error));
      return 2;
    }
    now = parsed.value;
  }
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (!compilation.ok()) return 1;
  const CheckedSchema& schema = compilation.program->schema;
  if (!schema.declared || schema.contactFields.empty()) {
    fmt::print(stderr, "seg sql: the program declares no schema (import its schema file)\n");
    return 1;
  }
  sql::TableNames names{options.tablePrefix};
  if (!options.cluster.empty() && (!options.ddl || *dialect != sql::Dialect::ClickHouse)) {
    fmt::print(stderr, "seg sql: --cluster goes with --ddl --dialect clickhouse\n");
    return 2;
  }
  if (options.ddl) {
    fmt::print("{}", sql::schemaDdl(schema, *dialect, names, options.cluster));
    return 0;
  }

  // Strings stay text operations: SQL evaluates them itself, no lookup tables.
  plan::Plan plan = plan::lowerProgram(*compilation.program, plan::LoweringOptions{false});
  sql::QueryContext context{plan, schema, *dialect, names, now, options.eventsNameContacts};
  // Each query, or the reason its definition does not translate: segments and partitions,
  // then scores, then metrics (with --segment, those named).
  std::vector<std::pair<std::string, std::string>> queries; // (sql, error)
  auto named = [&](const std::string& name) {
    return options.segments.empty() || std::find(options.segments.begin(), options.segments.end(),
                                                 name) != options.segments.end();
  };
  std::vector<std::string> definitions; // what --segment may name
  for (const plan::Slot& slot : plan.slots)
    if (slot.definition &&
        (slot.kind == plan::SlotKind::Segment || slot.kind == plan::SlotKind::Partition ||
         slot.kind == plan::SlotKind::Score))
      definitions.push_back(slot.name);
  for (const plan::Metric& metric : plan.metrics)
    definitions.push_back(metric.name);
  for (const std::string& name : options.segments)
    if (std::find(definitions.begin(), definitions.end(), name) == definitions.end()) {
      std::optional<std::string> close = base::closestName(name, definitions);
      fmt::print(stderr,
                 "seg sql: --segment: no segment, partition, score or metric named '{}'{}\n", name,
                 close ? fmt::format("; did you mean '{}'?", *close) : "");
      return 2;
    }
  if (!options.combined) {
    for (const sql::SegmentQuery& q : sql::segmentQueries(context))
      if (named(q.name)) queries.emplace_back(q.sql, q.error);
    for (const sql::ScoreQuery& q : sql::scoreQueries(context))
      if (named(q.name)) queries.emplace_back(q.sql, q.error);
    for (std::size_t m = 0; m < plan.metrics.size(); ++m)
      if (named(plan.metrics[m].name)) {
        const sql::MetricQuery q = sql::metricQuery(context, m);
        queries.emplace_back(q.sql, q.error);
      }
  }
  if (options.combined) {
    const sql::CombinedQuery combined = sql::combinedQuery(context, options.segments);
    for (const std::string& error : combined.errors)
      fmt::print(stderr, "seg sql: {}\n", error);
    fmt::print("{}", combined.sql);
    return combined.errors.empty() && !combined.sql.empty() ? 0 : 1;
  }
  int status = 0;
  bool first = true;
  for (const auto& [query, error] : queries) {
    if (!error.empty()) {
      fmt::print(stderr, "seg sql: {}\n", error);
      status = 1;
      continue;
    }
    fmt::print("{}{}", first ? "" : "\n", query);
    first = false;
  }
  return status;
}

} // namespace seg::cli
