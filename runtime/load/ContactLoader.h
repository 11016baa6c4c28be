// Loads the contacts file into the contact table: every field parsed strictly by its
// schema type, duplicate keys rejected, every rejected row reported.
#pragma once

#include "ContactKeys.h"
#include "LoadProgress.h"
#include "LoadReport.h"
#include "store/Store.h"

#include <memory>
#include <string>

namespace seg::runtime {

struct LoadedContacts {
  ContactTable table;
  std::unique_ptr<ContactKeys> keys;
};

// Returns false on a fatal problem (reported); rejected rows are in the report.
bool loadContacts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  LoadReport& report, LoadedContacts& out, LoadProgress& progress);

} // namespace seg::runtime
