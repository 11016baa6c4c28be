// Per-contact columns of plan expressions in one query (a score's value, a metric's inputs):
// every contact's key and the expressions, over the contacts LEFT JOINed to the grouped
// subqueries of the event types and ranks they read, shared as in a segment's query.
#pragma once

#include "sql/SqlEventAggregates.h"
#include "sql/SqlQueryContext.h"
#include "sql/SqlRanks.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace seg::sql {

class ContactColumns {
public:
  explicit ContactColumns(const QueryContext& context);

  // The per-contact SQL of `expr`; "" once a construct does not translate (unsupported()).
  std::string translate(plan::NodeId expr);
  // Contact field `index` as stored (enums by name, timestamps as the column itself), which
  // the relation then carries (ClickHouse joins carry only the fields read).
  std::string field(std::int32_t index);
  const std::optional<Unsupported>& unsupported() const { return unsupported_; }

  // The key column of the contacts ("c.id"; ClickHouse: "id", unqualified).
  const std::string& key() const { return key_; }
  // "SELECT <key> AS contact_key, <sql> AS <alias>, …\nFROM …" over every contact (no ';').
  std::string select(const std::vector<std::pair<std::string, std::string>>& columns) const;

private:
  const QueryContext& context_;
  std::string key_;
  EventAggregates aggregates_;
  RankColumns ranks_;
  std::set<std::int32_t> fields_; // contact fields read (ClickHouse carries only those)
  std::optional<Unsupported> unsupported_;
};

// ClickHouse: the settings every query ends with (NULL, not 0, from a LEFT JOIN without a row;
// on a cluster, each subquery over a Distributed table computed once).
inline constexpr const char* kClickHouseSettings =
    "SETTINGS join_use_nulls = 1, distributed_product_mode = 'global'";

} // namespace seg::sql
