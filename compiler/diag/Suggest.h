// "Did you mean …?" suggestions by edit distance over the names in scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

// The candidate closest to `name`, if close enough to be a plausible typo.
std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

} // namespace seg
