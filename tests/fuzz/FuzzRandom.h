// The fuzz tests' own pseudo-random numbers (splitmix64): the same seed gives the same
// programs on every platform and standard library, unlike std distributions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace seg::fuzz {

class FuzzRandom {
public:
  explicit FuzzRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for test generation (n > 0).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  int range(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T> const T& pick(std::span<const T> items) { return items[below(items.size())]; }
  template <class T> const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // An index chosen with the given relative weights.
  std::size_t weighted(std::span<const unsigned> weights) {
    unsigned total = 0;
    for (unsigned w : weights)
      total += w;
    std::uint64_t r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

private:
  std::uint64_t state_;
};

} // namespace seg::fuzz
