// A metric's population split into its `by` groups: every contact's group as a dense
// index (or none when outside the population), found with integer codes per key instead
// of a lookup per row, and the groups in key order.
#pragma once

#include "BoundPlan.h"
#include "Value.h"

#include <cstdint>
#include <vector>

namespace seg::exec {

inline constexpr std::uint32_t kOutsidePopulation = ~std::uint32_t{0};

struct MetricGroups {
  std::vector<std::uint32_t> groupOf;   // per contact: its group, or kOutsidePopulation
  std::vector<std::uint64_t> sizes;     // contacts per group
  std::vector<std::vector<Value>> keys; // per group: the `by` values (no keys: one group)
  std::vector<std::uint32_t> order;     // groups sorted by key (null after every value)
};

class ThreadPool;

// `forSlot` < 0: every contact. Without keys there is exactly one group, even when empty.
// Keys of small domains (enums, booleans, strings by dictionary code) are grouped by chunks
// on the pool (DenseGroups); the groups are the same either way.
MetricGroups groupContacts(const BoundPlan& bound, std::int32_t forSlot,
                           const std::vector<plan::GroupKey>& keys, ThreadPool* pool = nullptr);

// Fills g.keys (the key values of each group's first contact, `firstRow[group]`) and
// g.order (the groups in key order).
void finishGroups(const BoundPlan& bound, const std::vector<plan::GroupKey>& keys,
                  const std::vector<std::size_t>& firstRow, MetricGroups& g);

} // namespace seg::exec
