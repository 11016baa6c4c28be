// Order keys of rank inputs: every number as an unsigned key in the order ntile ranks by
// (NaN after every number, −0 = 0), so that ranks compare keys without a branch.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace seg::exec {

inline std::uint64_t orderKey(std::int64_t v) {
  return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}

inline std::uint64_t orderKey(double v) {
  if (std::isnan(v)) return ~std::uint64_t{0};
  const auto bits = std::bit_cast<std::uint64_t>(v == 0 ? 0.0 : v);
  // Positive numbers above the negative ones; negative ones in reverse bit order.
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

} // namespace seg::exec
