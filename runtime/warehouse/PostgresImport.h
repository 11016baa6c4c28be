// `seg import --from postgres://…`: a CRM's PostgreSQL tables (the `seg sql --ddl` layout,
// or any tables with the schema's column names) copied out as CSV files in the loader's
// layout, so that the CSV loader's value parsing, reject rules and report apply unchanged.
#pragma once

#include "load/DataLoader.h"
#include "store/StoreSchema.h"

#include <optional>
#include <string>

namespace seg::warehouse {

struct PostgresTables {
  std::string contacts = "contacts";  // --contacts-table
  std::string eventPrefix = "event_"; // --events-table-prefix: event type T is <prefix>T
};

// Writes DIR/<contacts table>.csv and DIR/<prefix><type>.csv for every event type of
// `schema` (COPY … TO STDOUT in CSV, UTC times, booleans as true/false), and points `load`
// at them (events name their contact in `contact_key`). Returns the error, if any.
std::optional<std::string> copyPostgresTables(const std::string& dsn,
                                              const runtime::StoreSchema& schema,
                                              const PostgresTables& tables, const std::string& dir,
                                              runtime::LoadOptions& load);

} // namespace seg::warehouse
