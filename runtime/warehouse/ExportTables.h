// The tables an export writes, for both servers: names, columns, row counts and the rows'
// source in the store (contacts, or one event type).
#pragma once

#include "store/Store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::warehouse {

struct ExportTable {
  std::string name;                              // with the prefix, unquoted
  std::string quoted;                            // with the prefix, quoted
  std::vector<std::string> columns;              // quoted
  std::vector<const runtime::ColumnSpec*> specs; // nullptr: contact_key (the key's spec)
  std::size_t rows = 0;
  std::int64_t event = -1; // the store's event index; -1: contacts
};

std::vector<ExportTable> exportTables(const runtime::Store& store, const std::string& prefix);

} // namespace seg::warehouse
