// A plan bound to data: the store, `now`, the per-contact output columns every stage
// writes (slots, ranks), and the string lookup tables evaluated for the store's
// dictionaries. Both engines (interpreter and JIT) read and write through it.
#pragma once

#include "FreshZeroAllocator.h"
#include "KMeans.h"
#include "base/Expected.h"
#include "plan/Plan.h"
#include "store/Store.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace seg::exec {

using plan::NodeId;
using plan::ValueType;

// Bytes per value: Bool 1, Enum/String 4, Int/Float/Timestamp/Duration 8.
std::size_t widthOf(ValueType type);

// One value per contact, with a validity bitmap (bit set = not null). Batches start at
// multiples of 64 rows, so threads writing different batches never share a word.
struct ContactColumn {
  ValueType type = ValueType::Bool;
  std::vector<std::byte, FreshZeroAllocator<std::byte>> values;
  std::vector<std::uint64_t, FreshZeroAllocator<std::uint64_t>> validity;

  // Makes the column `rows` long, every value zero and null (in fresh memory).
  void resize(std::size_t rows);
  template <class T> T* data() { return reinterpret_cast<T*>(values.data()); }
  template <class T> const T* data() const { return reinterpret_cast<const T*>(values.data()); }
  bool isValid(std::size_t row) const { return (validity[row >> 6] >> (row & 63)) & 1u; }
  void setValid(std::size_t row, bool valid) {
    std::uint64_t bit = std::uint64_t{1} << (row & 63);
    validity[row >> 6] = valid ? (validity[row >> 6] | bit) : (validity[row >> 6] & ~bit);
  }
};

// A StringLut evaluated for every entry of its column's dictionary: entries[code] is the
// body's value for that string; entry `size - 1` is the value for a null input (the only
// entry of a StringLut without operands).
struct StringTable {
  NodeId node = plan::kNoNode;
  ValueType type = ValueType::Bool;
  std::vector<std::byte> values;   // (dictionary size + 1) values of `type`
  std::vector<std::uint8_t> valid; // 1 where the body's value is not null
  std::size_t entries = 0;
  template <class T> const T* data() const { return reinterpret_cast<const T*>(values.data()); }
};

struct BoundPlan {
  const plan::Plan* plan = nullptr;
  const runtime::Store* store = nullptr;
  std::int64_t now = 0;                        // UTC microseconds
  std::vector<ContactColumn> slots;            // parallel to plan->slots
  std::vector<ContactColumn> ranks;            // parallel to plan->ranks (Int)
  std::map<std::size_t, KMeansModel> clusters; // by rank index: what K-means found
  std::vector<StringTable> strings;            // one per StringLut node
  std::map<NodeId, std::size_t> stringTableOf;
  // The plan's collation: every text a StringRank operand takes over this data, sorted
  // bytewise and unique (filled before the string tables, which read it).
  std::vector<std::string> collation;

  // The dictionary a String leaf's codes refer to (ContactField, EventField, or a
  // string-valued Aggregate: its property's dictionary). The engines read a plan bound by
  // its checks, so a leaf without one is a broken invariant (std::logic_error) there.
  const runtime::Dictionary& dictionaryOf(const plan::Node& leaf) const;
  // The same, or why the data has none (for the JIT's binding, which checks it).
  base::Expected<const runtime::Dictionary*> dictionaryFor(const plan::Node& leaf) const;
};

} // namespace seg::exec
