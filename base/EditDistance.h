// How far apart two names are, for "did you mean …?" suggestions in the compiler and the
// loaders alike.
#pragma once

#include <cstddef>
#include <string_view>

namespace seg::base {

// Optimal string alignment distance (insertions, deletions, substitutions, adjacent
// transpositions), ignoring ASCII letter case.
std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace seg::base
