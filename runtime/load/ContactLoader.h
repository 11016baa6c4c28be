// Loads the contacts file into the contact table: every field parsed strictly by its
// schema type, duplicate keys rejected, every rejected row reported.
#pragma once

#include "ColumnMapping.h"
#include "ContactKeys.h"
#include "LoadProgress.h"
#include "LoadReport.h"
#include "RowSource.h"
#include "store/Store.h"

#include <memory>
#include <optional>
#include <string>

namespace seg::runtime {

struct LoadedContacts {
  ContactTable table;
  std::unique_ptr<ContactKeys> keys;
};

// A contacts file split into its header (or NDJSON keys) and body, its columns matched to
// the contact fields (warnings into the file's summary); nullopt after reporting a fatal
// problem. `requireAll`: every non-null field needs a column (a load; upserts need only the key).
struct ContactInput {
  InputFormat format = InputFormat::Csv;
  SplitInput input;
  ColumnMapping mapping;
};
std::optional<ContactInput> openContactInput(const StoreSchema& schema, const std::string& path,
                                             std::string_view file, bool requireAll,
                                             LoadReport& report);

// Returns false on a fatal problem (reported); rejected rows are in the report.
bool loadContacts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  LoadReport& report, LoadedContacts& out, LoadProgress& progress);

} // namespace seg::runtime
