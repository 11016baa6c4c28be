// Dataset::fromColumns: binds the caller's columns as a store without copying them, after
// checking every value as strictly as the loaders do (a bad code or a duplicate key would
// otherwise make the kernels read out of bounds or answer wrongly).
#include "Detail.h"
#include "load/EventOrder.h"
#include "snapshot/StoreInvariants.h"
#include "source/Utf8.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <unordered_set>

namespace seg {
namespace {

using runtime::ValueKind;

struct Where {
  std::string what; // "contact field 'age'", "property 'amount' of event 'purchase'"
};

Error bad(const Where& where, std::string problem) {
  return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", where.what, problem));
}

bool valid(const ColumnView& view, std::size_t row) {
  return view.validity == nullptr || runtime::bitIsSet(view.validity, row);
}

std::optional<Error> checkDictionary(const Where& where, const ColumnView& view) {
  if (view.dictionaryOffsets == nullptr ||
      (view.dictionarySize > 0 && view.dictionaryBytes == nullptr))
    return bad(where, "a string column needs its dictionary (dictionaryOffsets, dictionaryBytes)");
  std::unordered_set<std::string_view> seen;
  seen.reserve(view.dictionarySize);
  for (std::size_t c = 0; c < view.dictionarySize; ++c) {
    std::uint64_t begin = view.dictionaryOffsets[c], end = view.dictionaryOffsets[c + 1];
    if (end < begin) return bad(where, fmt::format("dictionary offsets decrease at code {}", c));
    std::string_view text(view.dictionaryBytes + begin, end - begin);
    if (auto at = findInvalidUtf8(text))
      return bad(where, fmt::format("dictionary text {} is not UTF-8 (byte {})", c, *at));
    if (!seen.insert(text).second)
      return bad(where, fmt::format("dictionary text \"{}\" appears twice (codes must name "
                                    "distinct texts)",
                                    text));
  }
  return std::nullopt;
}

// Every valid row holds a value of the field's type; nulls only where the field allows them.
std::optional<Error> checkValues(const Where& where, const Field& field, const ColumnView& view,
                                 std::size_t rows) {
  if (rows > 0 && view.values == nullptr) return bad(where, "no values (a null pointer)");
  if (view.validity != nullptr && !field.nullable)
    for (std::size_t row = 0; row < rows; ++row)
      if (!valid(view, row))
        return bad(where, fmt::format("row {} is null, but the field is not nullable (declare "
                                      "it `{}: {}?`)",
                                      row, field.name, fieldTypeName(field.type)));
  switch (field.type) {
  case FieldType::Float: {
    const auto* values = static_cast<const double*>(view.values);
    for (std::size_t row = 0; row < rows; ++row)
      if (valid(view, row) && !std::isfinite(values[row]))
        return bad(where, fmt::format("row {} holds {}: float values must be finite (make the "
                                      "row null instead)",
                                      row, values[row]));
    break;
  }
  case FieldType::Bool: {
    const auto* values = static_cast<const std::uint8_t*>(view.values);
    for (std::size_t row = 0; row < rows; ++row)
      if (valid(view, row) && values[row] > 1)
        return bad(where, fmt::format("row {} holds {}: bool values are 0 or 1", row, values[row]));
    break;
  }
  case FieldType::Enum:
  case FieldType::String: {
    if (field.type == FieldType::String)
      if (auto error = checkDictionary(where, view)) return error;
    std::size_t limit =
        field.type == FieldType::Enum ? field.enumValues.size() : view.dictionarySize;
    const auto* codes = static_cast<const std::uint32_t*>(view.values);
    for (std::size_t row = 0; row < rows; ++row)
      if (valid(view, row) && codes[row] >= limit)
        return bad(where,
                   fmt::format("row {} holds code {}, but there are only {} {}", row, codes[row],
                               limit, field.type == FieldType::Enum ? "enum values" : "texts"));
    break;
  }
  case FieldType::Int:
  case FieldType::Timestamp:
    break;
  }
  return std::nullopt;
}

std::optional<Error> checkKey(const Where& where, const Field& field, const ColumnView& view,
                              std::size_t rows) {
  for (std::size_t row = 0; row < rows; ++row)
    if (!valid(view, row)) return bad(where, fmt::format("row {} has no key (null)", row));
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    std::uint64_t key =
        field.type == FieldType::String
            ? static_cast<const std::uint32_t*>(view.values)[row]
            : static_cast<std::uint64_t>(static_cast<const std::int64_t*>(view.values)[row]);
    if (!seen.insert(key).second)
      return bad(where,
                 fmt::format("row {} repeats a key of an earlier row: keys are unique", row));
  }
  return std::nullopt;
}

runtime::Column columnOf(const Field& field, const ColumnView& view, std::size_t rows) {
  // A column the schema says has no nulls carries no validity: the kernels rely on it.
  return runtime::Column(static_cast<ValueKind>(field.type), rows, view.values,
                         field.nullable ? view.validity : nullptr, nullptr);
}

runtime::Dictionary dictionaryOf(const Field& field, const ColumnView& view) {
  if (field.type != FieldType::String) return {};
  return runtime::Dictionary({view.dictionaryOffsets, view.dictionarySize + 1},
                             view.dictionaryBytes, nullptr);
}

bool inContactTimeOrder(const EventColumns& events) {
  for (std::size_t i = 1; i < events.rows; ++i) {
    if (events.contactRows[i] < events.contactRows[i - 1]) return false;
    if (events.contactRows[i] == events.contactRows[i - 1] && events.at[i] < events.at[i - 1])
      return false;
  }
  return true;
}

// A column's rows in `order`, in memory the dataset owns.
runtime::Column permuted(const runtime::Column& column, std::span<const std::uint32_t> order,
                         std::vector<std::shared_ptr<const void>>& keepAlive) {
  std::size_t width = runtime::physicalWidth(column.kind());
  auto values = std::make_shared<std::vector<std::byte>>(order.size() * width);
  const auto* source = static_cast<const std::byte*>(column.rawValues());
  for (std::size_t i = 0; i < order.size(); ++i)
    std::copy_n(source + std::size_t{order[i]} * width, width, values->data() + i * width);
  std::shared_ptr<std::vector<std::uint64_t>> validity;
  if (column.hasNulls()) {
    validity = std::make_shared<std::vector<std::uint64_t>>(runtime::bitmapWords(order.size()));
    for (std::size_t i = 0; i < order.size(); ++i)
      if (column.isValid(order[i])) (*validity)[i >> 6] |= std::uint64_t{1} << (i & 63);
    keepAlive.push_back(validity);
  }
  keepAlive.push_back(values);
  return runtime::Column(column.kind(), order.size(), values->data(),
                         validity ? validity->data() : nullptr, nullptr);
}

} // namespace

Expected<Dataset> Dataset::fromColumns(const Schema& schema, std::size_t contacts,
                                       const std::vector<ColumnView>& contactColumns,
                                       const std::vector<EventColumns>& events,
                                       const BindOptions& options) {
  if (contacts > std::numeric_limits<std::uint32_t>::max())
    return Error(ErrorCode::InvalidArgument, "more than 4 294 967 295 contacts");
  if (contactColumns.size() != schema.fields().size())
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{} contact columns given; the schema has {} fields (one column each, "
                             "in schema order)",
                             contactColumns.size(), schema.fields().size()));
  auto data =
      std::make_shared<detail::DatasetData>(detail::DatasetData{schema, {}, false, "", 0, {}, {}, std::make_shared<detail::DatasetData::ContactIndex>()});
  if (options.owner) data->keepAlive.push_back(options.owner);
  runtime::Store& store = data->store;
  store.schema = schema.data().store;
  store.contacts.rows = contacts;
  for (std::size_t f = 0; f < contactColumns.size(); ++f) {
    const Field& field = schema.fields()[f];
    Where where{fmt::format("contact field '{}'", field.name)};
    if (auto error = checkValues(where, field, contactColumns[f], contacts)) return *error;
    if (field.key)
      if (auto error = checkKey(where, field, contactColumns[f], contacts)) return *error;
    store.contacts.columns.push_back(columnOf(field, contactColumns[f], contacts));
    store.contacts.dictionaries.push_back(dictionaryOf(field, contactColumns[f]));
  }

  std::vector<const EventColumns*> byType(schema.events().size(), nullptr);
  for (const EventColumns& given : events) {
    int type = store.schema.eventIndex(given.type);
    if (type < 0)
      return Error(ErrorCode::InvalidArgument,
                   fmt::format("events of '{}': the schema has no such event type", given.type));
    if (byType[static_cast<std::size_t>(type)] != nullptr)
      return Error(ErrorCode::InvalidArgument,
                   fmt::format("events of '{}' given twice", given.type));
    byType[static_cast<std::size_t>(type)] = &given;
  }
  for (std::size_t e = 0; e < byType.size(); ++e) {
    const EventType& type = schema.events()[e];
    EventColumns none{type.name, 0, nullptr, nullptr,
                      std::vector<ColumnView>(type.properties.size())};
    const EventColumns& given = byType[e] != nullptr ? *byType[e] : none;
    Where where{fmt::format("events of '{}'", type.name)};
    if (given.rows > std::numeric_limits<std::uint32_t>::max())
      return bad(where, "more than 4 294 967 295 events");
    if (given.rows > 0 && (given.contactRows == nullptr || given.at == nullptr))
      return bad(where, "contactRows and at are required");
    if (given.properties.size() != type.properties.size())
      return bad(where, fmt::format("{} property columns given; the event type has {}",
                                    given.properties.size(), type.properties.size()));
    for (std::size_t i = 0; i < given.rows; ++i)
      if (given.contactRows[i] >= contacts)
        return bad(where, fmt::format("event {} belongs to contact row {}, but there are {} "
                                      "contacts",
                                      i, given.contactRows[i], contacts));
    runtime::EventTable table;
    table.rows = given.rows;
    table.columns.push_back(
        runtime::Column(ValueKind::Timestamp, given.rows, given.at, nullptr, nullptr));
    table.dictionaries.emplace_back();
    for (std::size_t p = 0; p < type.properties.size(); ++p) {
      const Field& field = type.properties[p];
      Where property{fmt::format("property '{}' of event '{}'", field.name, type.name)};
      if (auto error = checkValues(property, field, given.properties[p], given.rows)) return *error;
      table.columns.push_back(columnOf(field, given.properties[p], given.rows));
      table.dictionaries.push_back(dictionaryOf(field, given.properties[p]));
    }
    std::span<const std::uint32_t> contactRows(given.contactRows, given.rows);
    std::span<const std::int64_t> at(given.at, given.rows);
    runtime::EventOrder order = runtime::orderEvents(contactRows, at, contacts);
    if (!inContactTimeOrder(given)) {
      for (runtime::Column& column : table.columns)
        column = permuted(column, order.order, data->keepAlive);
      data->bindNotes.push_back(fmt::format(
          "events of '{}' were not in (contact, at) order: {} rows copied into that order",
          type.name, given.rows));
    }
    auto offsets = std::make_shared<std::vector<std::uint32_t>>(std::move(order.offsets));
    table.offsets = *offsets;
    table.offsetsOwner = offsets;
    store.events.push_back(std::move(table));
  }
  if (auto violation = runtime::checkStoreInvariants(store))
    return Error(ErrorCode::InvalidArgument, fmt::format("the bound columns: {}", *violation));
  return Dataset(std::move(data));
}

} // namespace seg
