#include "MetricGroups.h"

#include "ColumnValues.h"
#include "DenseGroups.h"
#include "Scalars.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

namespace seg::exec {
namespace {

// Codes of one key per contact: equal exactly when the key values are equal (strings by
// dictionary code, floats with −0 as 0 and one NaN), `nullCode` for null.
struct KeyCodes {
  std::vector<std::uint64_t> codes;
  std::uint64_t domain = 0; // codes are below this
};

// Renumbers arbitrary 64-bit codes of the population's rows densely (order kept).
void densify(std::vector<std::uint64_t>& codes, const std::vector<std::uint32_t>& groupOf,
             std::uint64_t& domain) {
  std::vector<std::uint64_t> distinct;
  for (std::size_t row = 0; row < codes.size(); ++row)
    if (groupOf[row] != kOutsidePopulation) distinct.push_back(codes[row]);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (std::size_t row = 0; row < codes.size(); ++row)
    if (groupOf[row] != kOutsidePopulation)
      codes[row] = static_cast<std::uint64_t>(
          std::lower_bound(distinct.begin(), distinct.end(), codes[row]) - distinct.begin());
  domain = distinct.size();
}

std::uint64_t floatCode(double v) {
  if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
  if (v == 0) v = 0; // −0 and 0 are one group
  return std::bit_cast<std::uint64_t>(v);
}

KeyCodes keyCodes(const BoundPlan& bound, const plan::GroupKey& key,
                  const std::vector<std::uint32_t>& groupOf) {
  const std::size_t rows = groupOf.size();
  KeyCodes k;
  k.codes.assign(rows, 0);
  if (key.contactField >= 0 &&
      bound.store->contacts.columns.at(key.contactField).kind() == runtime::ValueKind::String) {
    const runtime::Column& column = bound.store->contacts.columns.at(key.contactField);
    const auto dictionarySize = bound.store->contacts.dictionaries.at(key.contactField).size();
    const std::span<const std::uint32_t> codes = column.values<std::uint32_t>();
    for (std::size_t row = 0; row < rows; ++row) {
      const bool valid = column.isValid(row) && codes[row] < dictionarySize;
      k.codes[row] = valid ? codes[row] : dictionarySize;
    }
    k.domain = dictionarySize + 1;
    return k;
  }
  // Other keys: their values (a null gets a code no value has), renumbered densely.
  std::vector<std::uint8_t> isNull(rows, 0);
  auto read = [&](auto values, auto valid) {
    for (std::size_t row = 0; row < rows; ++row) {
      if (groupOf[row] == kOutsidePopulation) continue;
      if (!valid(row))
        isNull[row] = 1;
      else if constexpr (std::is_same_v<std::decay_t<decltype(values[0])>, double>)
        k.codes[row] = floatCode(values[row]);
      else
        k.codes[row] = static_cast<std::uint64_t>(values[row]);
    }
  };
  if (key.contactField >= 0) {
    const runtime::Column& column = bound.store->contacts.columns.at(key.contactField);
    auto valid = [&column](std::size_t row) { return column.isValid(row); };
    switch (column.kind()) {
    case runtime::ValueKind::Bool:
      read(column.values<std::uint8_t>(), valid);
      break;
    case runtime::ValueKind::Enum:
      read(column.values<std::uint32_t>(), valid);
      break;
    case runtime::ValueKind::Float:
      read(column.values<double>(), valid);
      break;
    default:
      read(column.values<std::int64_t>(), valid);
      break;
    }
  } else {
    const ContactColumn& column = bound.slots.at(key.slot);
    auto valid = [&column](std::size_t row) { return column.isValid(row); };
    switch (widthOf(column.type)) {
    case 1:
      read(column.data<std::uint8_t>(), valid);
      break;
    case 4:
      read(column.data<std::uint32_t>(), valid);
      break;
    default:
      if (column.type == ValueType::Float)
        read(column.data<double>(), valid);
      else
        read(column.data<std::int64_t>(), valid);
      break;
    }
  }
  // Enum and Bool values are small already (value indexes, 0/1); others are renumbered.
  std::uint64_t largest = 0;
  for (std::size_t row = 0; row < rows; ++row)
    if (groupOf[row] != kOutsidePopulation && !isNull[row])
      largest = std::max(largest, k.codes[row]);
  const bool small = (key.type == ValueType::Enum || key.type == ValueType::Bool) &&
                     largest < (std::uint64_t{1} << 24);
  if (small)
    k.domain = largest + 1;
  else
    densify(k.codes, groupOf, k.domain);
  for (std::size_t row = 0; row < rows; ++row)
    if (isNull[row]) k.codes[row] = k.domain;
  ++k.domain;
  return k;
}

// Null after every value; otherwise the order of the key's type (enums in declaration
// order, strings bytewise, false before true, NaN after every number).
bool keyBefore(ValueType type, const Value& a, const Value& b) {
  if (a.valid != b.valid) return a.valid;
  if (!a.valid) return false;
  if (type == ValueType::Float) {
    if (std::isnan(a.f)) return false;
    if (std::isnan(b.f)) return true;
  }
  return less(type, a, b);
}

} // namespace

void finishGroups(const BoundPlan& bound, const std::vector<plan::GroupKey>& keys,
                  const std::vector<std::size_t>& firstRow, MetricGroups& g) {
  for (std::size_t row : firstRow) {
    std::vector<Value> key;
    for (const plan::GroupKey& k : keys) {
      if (k.contactField >= 0) {
        const runtime::Column& column = bound.store->contacts.columns.at(k.contactField);
        const runtime::Dictionary* dictionary =
            column.kind() == runtime::ValueKind::String
                ? &bound.store->contacts.dictionaries.at(k.contactField)
                : nullptr;
        key.push_back(readStoreValue(column, dictionary, row));
      } else {
        key.push_back(readContactColumn(bound.slots.at(k.slot), row));
      }
    }
    g.keys.push_back(std::move(key));
  }
  g.order.resize(g.keys.size());
  std::iota(g.order.begin(), g.order.end(), 0);
  std::sort(g.order.begin(), g.order.end(), [&](std::uint32_t a, std::uint32_t b) {
    for (std::size_t j = 0; j < keys.size(); ++j) {
      if (keyBefore(keys[j].type, g.keys[a][j], g.keys[b][j])) return true;
      if (keyBefore(keys[j].type, g.keys[b][j], g.keys[a][j])) return false;
    }
    return false;
  });
}

MetricGroups groupContacts(const BoundPlan& bound, std::int32_t forSlot,
                           const std::vector<plan::GroupKey>& keys, ThreadPool* pool) {
  if (std::optional<MetricGroups> dense = groupDense(bound, forSlot, keys, pool))
    return std::move(*dense);
  const std::size_t rows = bound.store->contacts.rows;
  MetricGroups g;
  g.groupOf.assign(rows, 0);
  if (forSlot >= 0) {
    const ContactColumn& population = bound.slots.at(forSlot);
    const std::uint8_t* member = population.data<std::uint8_t>();
    for (std::size_t row = 0; row < rows; ++row)
      if (!population.isValid(row) || member[row] == 0) g.groupOf[row] = kOutsidePopulation;
  }
  if (keys.empty()) {
    g.sizes.assign(1, 0);
    for (std::uint32_t group : g.groupOf)
      g.sizes[0] += group != kOutsidePopulation ? 1 : 0;
    g.keys.emplace_back();
    g.order = {0};
    return g;
  }

  // The keys combined in mixed radix, renumbered whenever the radix would overflow.
  std::vector<std::uint64_t> combined(rows, 0);
  std::uint64_t domain = 1;
  for (const plan::GroupKey& key : keys) {
    KeyCodes k = keyCodes(bound, key, g.groupOf);
    if (domain > std::numeric_limits<std::uint64_t>::max() / k.domain) {
      densify(combined, g.groupOf, domain);
      domain = std::max<std::uint64_t>(domain, 1);
    }
    for (std::size_t row = 0; row < rows; ++row)
      combined[row] = combined[row] * k.domain + k.codes[row];
    domain *= k.domain;
  }
  if (domain > std::max<std::uint64_t>(rows, 1) * 4) densify(combined, g.groupOf, domain);

  // Groups numbered in order of their first contact.
  std::vector<std::uint32_t> groupOfCode(domain, kOutsidePopulation);
  std::vector<std::size_t> firstRow;
  for (std::size_t row = 0; row < rows; ++row) {
    if (g.groupOf[row] == kOutsidePopulation) continue;
    std::uint32_t& group = groupOfCode[combined[row]];
    if (group == kOutsidePopulation) {
      group = static_cast<std::uint32_t>(firstRow.size());
      firstRow.push_back(row);
      g.sizes.push_back(0);
    }
    g.groupOf[row] = group;
    ++g.sizes[group];
  }
  finishGroups(bound, keys, firstRow, g);
  return g;
}

} // namespace seg::exec
