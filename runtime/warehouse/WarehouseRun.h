// A run on a warehouse: the contacts counted and their keys read on the server, each
// translated segment's, partition's, score's and metric's query run there, and the report
// the local engines fill (members, percentages, unassigned, findings, score statistics,
// metrics), with the members as rows of the server's contacts in key order.
#pragma once

#include "plan/Plan.h"
#include "report/RunReport.h"
#include "sql/SqlMetrics.h"
#include "sql/SqlScores.h"
#include "sql/SqlSegments.h"
#include "store/StoreSchema.h"
#include "warehouse/QueryRunner.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace seg::warehouse {

// The server's contacts in key order: row r of the report is keys[r]; fields[r] holds the
// member fields' values as the local engines write them (nullopt: null).
struct ContactKeys {
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> rows;
  std::vector<std::vector<std::optional<std::string>>> fields;
};

struct WarehouseRun {
  report::RunReport report; // context: contacts, and the stages' query times
  ContactKeys contacts;
  std::string error; // "segment x: the server refused the query: …"; empty on success
  double dataMs = 0; // counting the contacts and reading their keys
};

// `queries[i]` is the query of plan slot `slots[i]` (translated: no error), then `scores`
// and `metrics` (translated); `memberFields` (contact fields besides the key) are read with
// the keys, for member files.
WarehouseRun
runQueries(QueryRunner& runner, const plan::Plan& plan,
           const std::vector<sql::SegmentQuery>& queries, const std::vector<std::int32_t>& slots,
           const std::vector<sql::ScoreQuery>& scores, const std::vector<sql::MetricQuery>& metrics,
           const std::string& contactsTable, const std::string& keyColumn, std::uint64_t minSize,
           sql::Dialect dialect, const std::vector<const runtime::ColumnSpec*>& memberFields);

} // namespace seg::warehouse
