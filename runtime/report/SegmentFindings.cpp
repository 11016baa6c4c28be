#include "report/SegmentFindings.h"

#include "report/BitmapCount.h"
#include "report/NumberFormat.h"
#include "report/SlotDependencies.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace seg::report {
namespace {

bool isSubset(const Bitmap& a, const Bitmap& b) {
  for (std::size_t w = 0; w < a.size(); ++w)
    if ((a[w] & ~b[w]) != 0) return false;
  return true;
}

std::string membersText(std::uint64_t n) {
  return fmt::format("{} member{}", groupedInteger(static_cast<std::int64_t>(n)),
                     n == 1 ? "" : "s");
}

} // namespace

std::vector<Finding> findSegmentProblems(const plan::Plan& plan,
                                         const std::vector<SegmentReport>& segments,
                                         std::uint64_t contacts, std::uint64_t minMembers) {
  std::vector<Finding> findings;
  if (contacts == 0) return findings;
  const auto threshold =
      minMembers > 0
          ? minMembers
          : std::max<std::uint64_t>(
                kMinMembers, static_cast<std::uint64_t>(std::ceil(contacts * kMinPercent / 100)));
  // Segments that are empty, everyone or tiny are reported once for that and take no part
  // in the overlap checks, where they would only repeat it (a tiny segment sits inside many).
  std::vector<bool> settled(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const SegmentReport& s = segments[i];
    if (s.members == 0) {
      findings.push_back({FindingKind::Empty, s.name, "", fmt::format("{} is empty", s.name)});
    } else if (s.members == contacts) {
      findings.push_back(
          {FindingKind::Everyone, s.name, "", fmt::format("{} holds every contact", s.name)});
    } else if (s.members < threshold) {
      findings.push_back(
          {FindingKind::TooSmall, s.name, "",
           fmt::format("{} has {} ({}): too small to act on (fewer than {})", s.name,
                       membersText(s.members), percentText(s.percent), membersText(threshold))});
    } else {
      continue;
    }
    settled[i] = true;
  }

  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (settled[i]) continue;
    for (std::size_t j = i + 1; j < segments.size(); ++j) {
      if (settled[j] || segments[j].members != segments[i].members) continue;
      if (segments[i].bits != segments[j].bits) continue;
      findings.push_back({FindingKind::Identical, segments[j].name, segments[i].name,
                          fmt::format("{} has the same {} as {}", segments[j].name,
                                      membersText(segments[j].members), segments[i].name)});
      settled[j] = true;
    }
  }

  const std::vector<std::vector<bool>> reads = slotDependencies(plan);
  auto related = [&](const SegmentReport& a, const SegmentReport& b) {
    return a.slot >= 0 && b.slot >= 0 && (reads[a.slot][b.slot] || reads[b.slot][a.slot]);
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (settled[i]) continue;
    const SegmentReport& a = segments[i];
    std::vector<const SegmentReport*> containers, byConstruction;
    for (std::size_t j = 0; j < segments.size(); ++j) {
      const SegmentReport& b = segments[j];
      if (j == i || settled[j] || b.members <= a.members || !isSubset(a.bits, b.bits)) continue;
      // Defined one from the other (vip = high_spenders and …): inside by construction.
      (related(a, b) ? byConstruction : containers).push_back(&b);
    }
    // sales_ready = hot_leads and …, inside newsletter because hot_leads is: the finding
    // about hot_leads says it already.
    std::erase_if(containers, [&](const SegmentReport* b) {
      return std::any_of(byConstruction.begin(), byConstruction.end(),
                         [&](const SegmentReport* c) { return isSubset(c->bits, b->bits); });
    });
    const SegmentReport* tightest = nullptr;
    for (const SegmentReport* b : containers)
      if (tightest == nullptr || b->members < tightest->members) tightest = b;
    std::size_t others = containers.size();
    if (tightest == nullptr) continue;
    std::string message = fmt::format("{} lies inside {}: all its {} are in {} ({} of it)", a.name,
                                      tightest->name, membersText(a.members), tightest->name,
                                      percentText(100.0 * a.members / tightest->members));
    if (others > 1)
      message += fmt::format(" and in {} other segment{}", others - 1, others == 2 ? "" : "s");
    findings.push_back({FindingKind::Contained, a.name, tightest->name, std::move(message)});
  }

  // Near-duplicates: neither inside the other (that is said above), yet almost the same
  // members. Jaccard ≥ J needs sizes within a factor J, so few pairs are counted.
  auto reported = [&](const std::string& a, const std::string& b) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return (f.segment == a && f.other == b) || (f.segment == b && f.other == a);
    });
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (settled[i]) continue;
    for (std::size_t j = i + 1; j < segments.size(); ++j) {
      const SegmentReport& a = segments[i];
      const SegmentReport& b = segments[j];
      if (settled[j]) continue;
      auto [small, large] = std::minmax(a.members, b.members);
      if (static_cast<double>(small) < kNearDuplicateJaccard * static_cast<double>(large)) continue;
      if (related(a, b) || reported(a.name, b.name)) continue;
      std::uint64_t both = sharedMembers(a.bits, b.bits);
      std::uint64_t either = a.members + b.members - both;
      double jaccard = static_cast<double>(both) / static_cast<double>(either);
      if (both == small || jaccard < kNearDuplicateJaccard) continue; // inside: said above
      findings.push_back(
          {FindingKind::NearDuplicate, b.name, a.name,
           fmt::format("{} is nearly {}: they share {} of the {} in either (Jaccard {:.3f})",
                       b.name, a.name, groupedInteger(static_cast<std::int64_t>(both)),
                       membersText(either), jaccard)});
    }
  }
  return findings;
}

} // namespace seg::report
