// A snapshot's rows in PostgreSQL's COPY text format: one line per row, columns separated by
// tabs, NULL as \N, backslashes, tabs and line breaks escaped; timestamps exact to the
// microsecond in UTC, floats in the shortest text that reads back as the same double
// ("138.99", not "138.99000000000001": both are exact; only the first is readable).
#pragma once

#include "store/Store.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace seg::warehouse {

// The text of one value as COPY reads it (escaped), appended to `out`.
void appendCopyText(std::string& out, std::string_view text);
void appendCopyTimestamp(std::string& out, std::int64_t micros);
void appendCopyFloat(std::string& out, double value);

// Contact rows [begin, end): every contact field, in schema order.
void appendContactRows(std::string& out, const runtime::Store& store, std::size_t begin,
                       std::size_t end);

// Event rows [begin, end) of event type `event`: the contact's key, then every property
// (`at` first), in schema order.
void appendEventRows(std::string& out, const runtime::Store& store, std::size_t event,
                     std::size_t begin, std::size_t end);

} // namespace seg::warehouse
