// Matches a file's columns to the schema's by name: which source column feeds each field,
// which required columns are missing (fatal), and which extra ones are ignored (warned).
#pragma once

#include "store/StoreSchema.h"

#include <string>
#include <vector>

namespace seg::runtime {

struct ColumnMapping {
  std::vector<int> sourceOf;         // per schema column: source index, or -1
  std::vector<std::string> fatal;    // e.g. a required column missing
  std::vector<std::string> warnings; // e.g. an unknown column ignored
};

// `specs` are the schema columns to fill; `extraKnown` are source columns with another
// use (contact_id, type) that must not be reported as unknown.
ColumnMapping mapColumns(const std::vector<std::string>& sourceColumns,
                         const std::vector<const ColumnSpec*>& specs,
                         const std::vector<std::string>& extraKnown, bool requireAll);

// The source column named `name`, or -1.
int findColumn(const std::vector<std::string>& sourceColumns, std::string_view name);

} // namespace seg::runtime
