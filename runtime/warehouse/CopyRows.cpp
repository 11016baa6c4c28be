// Encodes store columns as COPY text, value by value.
#include "warehouse/CopyRows.h"

#include "base/CivilTime.h"
#include "warehouse/EventRows.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace seg::warehouse {
namespace {

void appendValue(std::string& out, const runtime::Column& column,
                 const runtime::Dictionary* dictionary, const runtime::ColumnSpec& spec,
                 std::size_t row) {
  if (!column.isValid(row)) {
    out += "\\N";
    return;
  }
  using runtime::ValueKind;
  switch (column.kind()) {
  case ValueKind::Int:
    fmt::format_to(std::back_inserter(out), "{}", column.values<std::int64_t>()[row]);
    return;
  case ValueKind::Float:
    appendCopyFloat(out, column.values<double>()[row]);
    return;
  case ValueKind::Bool:
    out += column.values<std::uint8_t>()[row] != 0 ? 't' : 'f';
    return;
  case ValueKind::String:
    appendCopyText(out, dictionary->at(column.values<std::uint32_t>()[row]));
    return;
  case ValueKind::Enum:
    appendCopyText(out, spec.enumValues[column.values<std::uint32_t>()[row]]);
    return;
  case ValueKind::Timestamp:
    appendCopyTimestamp(out, column.values<std::int64_t>()[row]);
    return;
  }
}

} // namespace

void appendCopyText(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += c;
    }
  }
}

void appendCopyTimestamp(std::string& out, std::int64_t micros) {
  std::int64_t seconds = base::floorDiv(micros, 1'000'000);
  std::int64_t fraction = micros - seconds * 1'000'000;
  std::int64_t days = base::floorDiv(seconds, base::kSecondsPerDay);
  std::int64_t second = seconds - days * base::kSecondsPerDay;
  base::CivilDate date = base::civilFromDays(days);
  // PostgreSQL has no year 0: 1 BC is year 0 of the proleptic calendar Seg counts in.
  const bool bc = date.year <= 0;
  fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}.{:06d}+00{}",
                 bc ? 1 - date.year : date.year, date.month, date.day, second / 3600,
                 second / 60 % 60, second % 60, fraction, bc ? " BC" : "");
}

void appendCopyFloat(std::string& out, double value) {
  if (std::isnan(value))
    out += "NaN";
  else if (std::isinf(value))
    out += value > 0 ? "Infinity" : "-Infinity";
  else
    fmt::format_to(std::back_inserter(out), "{}", value); // the shortest text of this double
}

void appendContactRows(std::string& out, const runtime::Store& store, std::size_t begin,
                       std::size_t end) {
  const runtime::ContactTable& table = store.contacts;
  for (std::size_t row = begin; row < end; ++row) {
    for (std::size_t f = 0; f < table.columns.size(); ++f) {
      if (f > 0) out += '\t';
      const runtime::Dictionary* dictionary =
          f < table.dictionaries.size() ? &table.dictionaries[f] : nullptr;
      appendValue(out, table.columns[f], dictionary, store.schema.contactFields[f], row);
    }
    out += '\n';
  }
}

void appendEventRows(std::string& out, const runtime::Store& store, std::size_t event,
                     std::size_t begin, std::size_t end) {
  const runtime::EventTable& table = store.events[event];
  const runtime::EventSpec& spec = store.schema.events[event];
  const auto key = static_cast<std::size_t>(store.schema.keyField);
  const runtime::Dictionary* keyDictionary =
      key < store.contacts.dictionaries.size() ? &store.contacts.dictionaries[key] : nullptr;
  forEachEventRow(table, begin, end, [&](std::size_t row, std::size_t contact) {
    appendValue(out, store.contacts.columns[key], keyDictionary, store.schema.contactFields[key],
                contact);
    for (std::size_t p = 0; p < table.columns.size(); ++p) {
      out += '\t';
      const runtime::Dictionary* dictionary =
          p < table.dictionaries.size() ? &table.dictionaries[p] : nullptr;
      appendValue(out, table.columns[p], dictionary, spec.properties[p], row);
    }
    out += '\n';
  });
}

} // namespace seg::warehouse
