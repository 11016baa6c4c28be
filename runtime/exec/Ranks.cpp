// Population ranks: ntile(k, x) = min(k, 1 + floor(k·L / N)), N the contacts with a
// non-null x, L those with x strictly smaller. One sort per rank: O(N log N).
#include "ColumnValues.h"
#include "Executor.h"

#include <algorithm>
#include <cmath>

namespace seg::exec {
namespace {

__extension__ using Wide = unsigned __int128; // k·L can exceed 64 bits

// A strict weak order on the rank input's values: numbers as numbers, NaN after every
// number (so that sorting is well-defined even then).
bool before(ValueType type, const Value& a, const Value& b) {
  if (type != ValueType::Float) return a.i < b.i;
  if (std::isnan(a.f)) return false;
  if (std::isnan(b.f)) return true;
  return a.f < b.f;
}

void rank(BoundPlan& bound, const plan::Rank& rank, ContactColumn& out) {
  const ContactColumn& input = bound.slots.at(rank.inputSlot);
  const std::size_t rows = bound.store->contacts.rows;
  struct Entry {
    Value value;
    std::size_t row;
  };
  std::vector<Entry> entries;
  for (std::size_t row = 0; row < rows; ++row) {
    Value v = readContactColumn(input, row);
    if (v.valid)
      entries.push_back({v, row});
    else
      writeContactColumn(out, row, Value::null());
  }
  std::sort(entries.begin(), entries.end(),
            [&](const Entry& a, const Entry& b) { return before(input.type, a.value, b.value); });
  const auto n = static_cast<std::uint64_t>(entries.size());
  const auto k = static_cast<std::uint64_t>(std::max<std::int64_t>(rank.buckets, 1));
  // Walk runs of equal values: every member of a run has the run's start as its L.
  for (std::size_t start = 0; start < entries.size();) {
    std::size_t end = start + 1;
    while (end < entries.size() && !before(input.type, entries[start].value, entries[end].value))
      ++end;
    const auto smaller = static_cast<std::uint64_t>(start);
    const auto bucket =
        std::min<std::uint64_t>(k, 1 + static_cast<std::uint64_t>(Wide{k} * smaller / n));
    for (std::size_t i = start; i < end; ++i)
      writeContactColumn(out, entries[i].row, Value::integer(static_cast<std::int64_t>(bucket)));
    start = end;
  }
}

} // namespace

void computeRanks(BoundPlan& bound, std::int32_t stage) {
  const plan::Plan& plan = *bound.plan;
  for (std::size_t r = 0; r < plan.ranks.size(); ++r)
    if (plan.ranks[r].stage == stage) rank(bound, plan.ranks[r], bound.ranks.at(r));
}

} // namespace seg::exec
