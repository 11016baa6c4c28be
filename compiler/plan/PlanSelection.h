// Cuts a plan down to some of its definitions and everything they read (slots, ranks,
// aggregates), so `seg run --segment` and the benchmarks evaluate only what they report.
#pragma once

#include "plan/Plan.h"

#include <string>
#include <vector>

namespace seg::plan {

// The slots named in `names` (segments, scores, partitions), the slots, ranks and
// aggregates they read, in their original order; no metrics. Names not in the plan are
// ignored. The result is compacted and has its own fingerprint.
Plan selectSlots(const Plan& plan, const std::vector<std::string>& names);

} // namespace seg::plan
