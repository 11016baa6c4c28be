#include "diag/Suggest.h"

#include "base/EditDistance.h"

#include <algorithm>
#include <cctype>

namespace seg {

namespace {

// "amt" for "amount": every letter in order, same first letter.
bool isAbbreviation(std::string_view name, std::string_view candidate) {
  if (name.size() < 3 || candidate.empty() || name[0] != candidate[0]) return false;
  std::size_t at = 0;
  for (char c : candidate)
    if (at < name.size() && c == name[at]) ++at;
  return at == name.size();
}

} // namespace

std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates) {
  if (name.size() > 64) return std::nullopt;
  // Typos within a third of the longer name's length, prefixes ("last_seen" for
  // "last_seen_at") and abbreviations ("amt" for "amount"); the latter two rank first.
  std::optional<std::string> best;
  double bestScore = 0;
  for (const std::string& candidate : candidates) {
    if (candidate == name || candidate.size() > 64) continue;
    std::size_t limit = std::max<std::size_t>(1, std::max(name.size(), candidate.size()) / 3);
    std::size_t distance = base::editDistance(name, candidate);
    bool shortcut =
        (name.size() >= 3 && candidate.starts_with(name)) || isAbbreviation(name, candidate);
    if (distance > limit && !shortcut) continue;
    double score = shortcut ? 0.5 : static_cast<double>(distance);
    if (!best || score < bestScore || (score == bestScore && candidate < *best)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

} // namespace seg
