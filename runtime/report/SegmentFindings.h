// Points out segments that are probably mistakes: empty, everyone, too small to act on,
// identical to another, wholly inside another they are not defined from, or nearly the
// same audience as another.
#pragma once

#include "report/RunReport.h"

namespace seg::report {

// A segment is too small to act on below either bound (a campaign to 7 people is noise).
inline constexpr std::uint64_t kMinMembers = 10;
inline constexpr double kMinPercent = 0.1;
// Two segments sharing this much of their union (Jaccard) are one audience twice.
inline constexpr double kNearDuplicateJaccard = 0.95;

// `minMembers` > 0 replaces the too-small bounds above (`seg run --min-size N`).
std::vector<Finding> findSegmentProblems(const plan::Plan& plan,
                                         const std::vector<SegmentReport>& segments,
                                         std::uint64_t contacts, std::uint64_t minMembers = 0);

} // namespace seg::report
