// The generator's random numbers: xoshiro256** seeded by splitmix64, integer-only so the
// same seed yields the same stream with every compiler and standard library.
#pragma once

#include <cstdint>

namespace seg::runtime {

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
public:
  // One independent stream per (seed, stream): contacts get their own stream, so a
  // contact's data does not depend on how many numbers the previous contacts used.
  Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t sm = seed ^ (stream * 0xd1342543de82ef95ULL);
    for (std::uint64_t& word : s_)
      word = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for n < 2^32 (multiply-shift; the bias is below 2^-32).
  std::uint64_t below(std::uint64_t n) { return ((next() >> 32) * n) >> 32; }
  // Uniform in [lo, hi], both inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1) with 53 random bits: exact, so identical everywhere.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double unitOpen() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  // True with probability `permille` / 1000.
  bool chance(std::uint32_t permille) { return below(1000) < permille; }

private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4];
};

} // namespace seg::runtime
