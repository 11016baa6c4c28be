// A snapshot's rows in ClickHouse's RowBinary format, for the tables of `seg sql --ddl
// --dialect clickhouse`: exact by construction (little-endian Int64 and Float64 as they are,
// timestamps as Int64 µs, enums as their Enum8/Enum16 number, Nullable as a flag byte).
#pragma once

#include "store/Store.h"

#include <cstddef>
#include <string>

namespace seg::warehouse {

// Contact rows [begin, end): every contact field, in schema order.
void appendContactRowBinary(std::string& out, const runtime::Store& store, std::size_t begin,
                            std::size_t end);

// Event rows [begin, end) of event type `event`: the contact's key, then every property.
void appendEventRowBinary(std::string& out, const runtime::Store& store, std::size_t event,
                          std::size_t begin, std::size_t end);

} // namespace seg::warehouse
