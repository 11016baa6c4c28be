// "Did you mean …?" suggestions by edit distance, for the compiler's names in scope and the
// loaders' column and enum names alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg::base {

// Optimal string alignment distance (insertions, deletions, substitutions, adjacent
// transpositions), ignoring ASCII letter case.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if close enough to be a plausible typo.
std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

} // namespace seg::base
