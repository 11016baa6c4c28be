// The timer of live evaluations: per contact, the first moment at or after an evaluation's
// `now` at which its time-dependent values can change (the TimeDependence probes over its
// own data), so a later `now` re-evaluates only the contacts whose moment has come.
#pragma once

#include "TimeDependence.h"
#include "store/Store.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace seg::runtime::live {

inline constexpr std::int64_t kNoChange = std::numeric_limits<std::int64_t>::max();

// For every contact row of `store`: the smallest probe moment ≥ `from`, or kNoChange.
std::vector<std::int64_t> nextChanges(const Store& store, const TimeDependence& dependence,
                                      std::int64_t from, unsigned threads);

} // namespace seg::runtime::live
