// Reads a contacts file as upserts: a row whose key names a contact replaces the fields the
// file has columns for; a new key adds a contact (fields without a column are null).
#pragma once

#include "load/ContactKeys.h"
#include "load/LoadReport.h"
#include "load/ValueConverter.h"
#include "store/StoreSchema.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime::live {

struct ContactUpsert {
  std::uint32_t row = 0;      // the contact's row; rows from `contactRows` on are new
  std::vector<StagedValue> values; // per schema field; only `present` ones are meaningful
};

struct ParsedUpserts {
  std::vector<bool> present; // per schema field: the file has its column
  std::vector<ContactUpsert> rows;
  std::size_t created = 0; // new contacts (rows contactRows .. contactRows + created)
  // The new contacts' keys, in row order (int keys as decimal text), for the key index.
  std::vector<std::string> newKeys;
};

// Strings in the staged values view `file`, which must outlive the result. Returns false on
// a fatal problem (reported); rejected rows are in the report.
bool parseUpserts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  const ContactKeys& keys, std::size_t contactRows, LoadReport& report,
                  ParsedUpserts& out);

} // namespace seg::runtime::live
