// Points out segments that are probably mistakes: empty, everyone, too small to act on,
// identical to another, or wholly inside another they are not defined from.
#pragma once

#include "report/RunReport.h"

namespace seg::report {

// A segment is too small to act on below either bound (a campaign to 7 people is noise).
inline constexpr std::uint64_t kMinMembers = 10;
inline constexpr double kMinPercent = 0.1;

std::vector<Finding> findSegmentProblems(const plan::Plan& plan,
                                         const std::vector<SegmentReport>& segments,
                                         std::uint64_t contacts);

} // namespace seg::report
