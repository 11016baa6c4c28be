// CREATE TABLE statements for a schema in the warehouse layout: `contacts` with one column
// per contact field (the key as primary key / ORDER BY), and `event_<name>` per event type
// with `contact_key`, `at` and the type's properties.
#pragma once

#include "sema/CheckedSchema.h"
#include "sql/SqlDialect.h"

#include <string>

namespace seg::sql {

struct TableNames {
  std::string prefix; // prepended to every table name

  std::string contacts() const;
  std::string event(std::string_view eventName) const;
};

// The statements, each ending in ";\n", in schema order. ClickHouse with a `cluster`: each
// table as <name>_local (MergeTree, to be created on every shard) and <name> as a
// Distributed table over the cluster, sharded by the contact's key (cityHash64), so a
// contact's events live on its shard.
std::string schemaDdl(const CheckedSchema& schema, Dialect dialect, const TableNames& names,
                      const std::string& cluster = {});

} // namespace seg::sql
