// "Did you mean …?": edit distance and the closest of a list of names.
#include "base/Suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace seg::base {

std::size_t editDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                 std::tolower(static_cast<unsigned char>(b[j - 1]))
                             ? 0
                             : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

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
    std::size_t distance = editDistance(name, candidate);
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

} // namespace seg::base
