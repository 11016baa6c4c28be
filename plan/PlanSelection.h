// Cuts a plan down to some of its definitions and everything they read (slots, ranks,
// aggregates), so `seg run --segment` and the benchmarks evaluate only what they report.
#pragma once

#include "plan/Plan.h"

#include <string>
#include <vector>

namespace seg::plan {

// What a selection may name (segments and partitions) and the definitions it may not
// (scores and metrics), in plan order: for checking a selection and saying why a name fails.
struct SelectableNames {
  std::vector<std::string> selectable;
  std::vector<std::string> others;
};
SelectableNames selectableNames(const Plan& plan);

// The slots named in `names` (segments, scores, partitions) and the metrics named, with
// the slots, ranks and aggregates they read, in their original order. Names not in the
// plan are ignored. The result is compacted and has its own fingerprint.
Plan selectSlots(const Plan& plan, const std::vector<std::string>& names);

// The event types (of `types`) that the slots named in `names` read other than through
// the inputs of their ranks: all a run of them needs when it is handed their ranks (a live
// evaluation of contacts whose kept rank moved).
std::vector<bool> eventTypesBesideRankInputs(const Plan& plan,
                                             const std::vector<std::string>& names,
                                             std::size_t types);

} // namespace seg::plan
