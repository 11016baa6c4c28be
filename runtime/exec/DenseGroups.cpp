// A key's code is its value (enum index, 0/1, dictionary code) or, for null, the key's
// value count; codes of several keys combine in mixed radix. Groups are the codes present,
// numbered in code order (the general path numbers them by first contact: only the key
// order the report uses is observable, and both sort by it).
#include "DenseGroups.h"

#include "ThreadPool.h"

#include <atomic>
#include <limits>

namespace seg::exec {
namespace {

// Combined domains above this are grouped by the general path (per-chunk counts would be
// large and sparse).
constexpr std::uint64_t kMaxDenseDomain = 1 << 16;

struct DenseKey {
  const std::uint8_t* bytes = nullptr;     // 1-byte values (Bool)...
  const std::uint32_t* words = nullptr;    // ...or 4-byte ones (Enum, String codes)
  const std::uint64_t* validity = nullptr; // null: no nulls
  std::uint32_t values = 0;                // codes below this are values; this one is null
  bool codeAboveValuesIsNull = false;      // string codes outside the dictionary read as null
};

std::optional<DenseKey> denseKey(const BoundPlan& bound, const plan::GroupKey& key) {
  DenseKey k;
  if (key.contactField >= 0) {
    const runtime::Column& column = bound.store->contacts.columns.at(key.contactField);
    k.validity = column.validity();
    switch (column.kind()) {
    case runtime::ValueKind::String:
      k.words = column.values<std::uint32_t>().data();
      k.values = static_cast<std::uint32_t>(
          bound.store->contacts.dictionaries.at(key.contactField).size());
      k.codeAboveValuesIsNull = true;
      return k;
    case runtime::ValueKind::Enum:
      if (key.type != ValueType::Enum) return std::nullopt;
      k.words = column.values<std::uint32_t>().data();
      k.values = static_cast<std::uint32_t>(
          bound.store->schema.contactFields.at(key.contactField).enumValues.size());
      return k;
    case runtime::ValueKind::Bool:
      k.bytes = column.values<std::uint8_t>().data();
      k.values = 2;
      return k;
    default:
      return std::nullopt;
    }
  }
  const ContactColumn& column = bound.slots.at(key.slot);
  k.validity = column.validity.data();
  if (column.type == ValueType::Bool) {
    k.bytes = column.data<std::uint8_t>();
    k.values = 2;
  } else if (column.type == ValueType::Enum) {
    k.words = column.data<std::uint32_t>();
    k.values = static_cast<std::uint32_t>(bound.plan->slots.at(key.slot).branches.size());
  } else {
    return std::nullopt;
  }
  return k;
}

bool bitIsSet(const std::uint64_t* bits, std::size_t row) {
  return ((bits[row >> 6] >> (row & 63)) & 1) != 0;
}

// The codes of one key over the whole population, with everything the loop reads in
// locals (the compiler cannot tell that the stores to groupOf leave the key alone).
// Returns whether a value lies outside the key's declared values.
template <class T>
bool oneKeyCodes(const T* values, const DenseKey& k, std::size_t begin, std::size_t end,
                 std::uint32_t* groupOf) {
  const std::uint64_t* validity = k.validity;
  const std::uint32_t count = k.values;
  const bool aboveIsNull = k.codeAboveValuesIsNull;
  bool foreign = false;
  for (std::size_t row = begin; row < end; ++row) {
    const std::uint32_t v = values[row];
    const bool valid = validity == nullptr || bitIsSet(validity, row);
    foreign |= valid && v >= count && !aboveIsNull;
    groupOf[row] = valid && v < count ? v : count;
  }
  return foreign;
}

// Contacts per code in rows [begin, end): for at most 8 codes in registers (each row adds
// a mask to every counter, no store per row), else one counter per code in memory.
template <int D>
void countFew(const std::uint32_t* groupOf, std::size_t begin, std::size_t end,
              std::uint32_t* count) {
  std::uint32_t c[D] = {};
  for (std::size_t row = begin; row < end; ++row)
    for (int k = 0; k < D; ++k)
      c[k] += groupOf[row] == static_cast<std::uint32_t>(k) ? 1 : 0;
  for (int k = 0; k < D; ++k)
    count[k] += c[k];
}

void countCodes(const std::uint32_t* groupOf, std::size_t begin, std::size_t end,
                std::uint64_t domain, std::uint32_t* count) {
  switch (domain) {
  case 1:
    return countFew<1>(groupOf, begin, end, count);
  case 2:
    return countFew<2>(groupOf, begin, end, count);
  case 3:
    return countFew<3>(groupOf, begin, end, count);
  case 4:
    return countFew<4>(groupOf, begin, end, count);
  case 5:
    return countFew<5>(groupOf, begin, end, count);
  case 6:
    return countFew<6>(groupOf, begin, end, count);
  case 7:
    return countFew<7>(groupOf, begin, end, count);
  case 8:
    return countFew<8>(groupOf, begin, end, count);
  default:
    for (std::size_t row = begin; row < end; ++row)
      if (groupOf[row] != kOutsidePopulation) ++count[groupOf[row]];
  }
}

} // namespace

void forEachChunk(std::size_t rows, ThreadPool* pool,
                  const std::function<void(std::size_t, std::size_t, std::size_t)>& task) {
  const std::size_t chunks = (rows + kMetricChunkRows - 1) / kMetricChunkRows;
  auto one = [&](std::size_t chunk) {
    const std::size_t begin = chunk * kMetricChunkRows;
    task(chunk, begin, std::min(rows, begin + kMetricChunkRows));
  };
  if (pool != nullptr) return pool->forEach(chunks, one);
  for (std::size_t chunk = 0; chunk < chunks; ++chunk)
    one(chunk);
}

std::optional<MetricGroups> groupDense(const BoundPlan& bound, std::int32_t forSlot,
                                       const std::vector<plan::GroupKey>& keys, ThreadPool* pool) {
  std::vector<DenseKey> dense;
  std::uint64_t domain = 1;
  for (const plan::GroupKey& key : keys) {
    std::optional<DenseKey> k = denseKey(bound, key);
    if (!k) return std::nullopt;
    domain *= std::uint64_t{k->values} + 1;
    if (domain > kMaxDenseDomain) return std::nullopt;
    dense.push_back(*k);
  }
  const std::size_t rows = bound.store->contacts.rows;
  const ContactColumn* population = forSlot >= 0 ? &bound.slots.at(forSlot) : nullptr;
  MetricGroups g;
  g.groupOf.resize(rows);
  const std::size_t chunks = (rows + kMetricChunkRows - 1) / kMetricChunkRows;
  // Per chunk: contacts per code and the first row of each code.
  std::vector<std::vector<std::uint32_t>> counts(chunks), firsts(chunks);
  std::atomic<bool> outOfDomain = false; // an enum value the schema does not declare
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  forEachChunk(rows, pool, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t>& count = counts[chunk];
    std::vector<std::uint32_t>& first = firsts[chunk];
    count.assign(domain, 0);
    first.assign(domain, kNone);
    std::uint32_t* groupOf = g.groupOf.data();
    const std::uint8_t* member = population ? population->data<std::uint8_t>() : nullptr;
    const std::uint64_t* memberValid = population ? population->validity.data() : nullptr;
    bool foreign = false;
    if (dense.size() == 1 && member == nullptr) {
      const DenseKey k = dense[0];
      if (k.words != nullptr)
        foreign = oneKeyCodes(k.words, k, begin, end, groupOf);
      else
        foreign = oneKeyCodes(k.bytes, k, begin, end, groupOf);
    } else {
      for (std::size_t row = begin; row < end; ++row) {
        if (member != nullptr &&
            (((memberValid[row >> 6] >> (row & 63)) & 1) == 0 || member[row] == 0)) {
          groupOf[row] = kOutsidePopulation;
          continue;
        }
        std::uint32_t code = 0;
        for (const DenseKey& k : dense) {
          const std::uint32_t v = k.words != nullptr ? k.words[row] : k.bytes[row];
          const bool valid = k.validity == nullptr || bitIsSet(k.validity, row);
          foreign |= valid && v >= k.values && !k.codeAboveValuesIsNull;
          code = code * (k.values + 1) + (valid && v < k.values ? v : k.values);
        }
        groupOf[row] = code;
      }
    }
    if (foreign) outOfDomain = true;
    countCodes(groupOf, begin, end, domain, count.data());
    // The first row of each code present: found in the chunk's first rows, usually.
    std::uint64_t missing = 0;
    for (std::uint64_t code = 0; code < domain; ++code)
      missing += count[code] != 0 ? 1 : 0;
    for (std::size_t row = begin; row < end && missing != 0; ++row) {
      const std::uint32_t code = groupOf[row];
      if (code != kOutsidePopulation && first[code] == kNone) {
        first[code] = static_cast<std::uint32_t>(row);
        --missing;
      }
    }
  });
  if (outOfDomain) return std::nullopt;
  // Present codes in code order become the groups.
  std::vector<std::uint32_t> groupOfCode(domain, kOutsidePopulation);
  std::vector<std::size_t> firstRow;
  for (std::uint64_t code = 0; code < domain; ++code) {
    std::uint64_t size = 0;
    std::uint32_t first = kNone;
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
      size += counts[chunk][code];
      if (first == kNone) first = firsts[chunk][code];
    }
    if (size == 0 && !keys.empty()) continue;
    groupOfCode[code] = static_cast<std::uint32_t>(g.sizes.size());
    g.sizes.push_back(size);
    firstRow.push_back(first);
  }
  if (keys.empty()) { // one group, even when empty
    g.keys.emplace_back();
    g.order = {0};
  } else {
    forEachChunk(rows, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t row = begin; row < end; ++row)
        if (g.groupOf[row] != kOutsidePopulation) g.groupOf[row] = groupOfCode[g.groupOf[row]];
    });
    finishGroups(bound, keys, firstRow, g);
  }
  return g;
}

} // namespace seg::exec
