// A seeded pseudo-random generator (SplitMix64) written out here, because std::
// distributions give different numbers on different standard libraries: K-means and its
// samples must be the same for a seed everywhere.
#pragma once

#include <cstdint>

namespace seg::exec {

class SplitMix {
public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1): the top 53 bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), n ≥ 1 (multiply-high: no modulo bias worth naming).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((Wide{next()} * n) >> 64);
  }

private:
  std::uint64_t state_;
};

} // namespace seg::exec
