#include "Checksum.h"

#include <array>
#include <bit>
#include <cstring>

namespace seg::runtime {
namespace {

static_assert(std::endian::native == std::endian::little, "XXH64 reads words little-endian");

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ull;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ull;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ull;

std::uint64_t read64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint32_t read32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

std::uint64_t round(std::uint64_t acc, std::uint64_t input) {
  acc += input * kPrime2;
  acc = std::rotl(acc, 31);
  return acc * kPrime1;
}

std::uint64_t mergeRound(std::uint64_t acc, std::uint64_t lane) {
  acc ^= round(0, lane);
  return acc * kPrime1 + kPrime4;
}

std::array<std::uint64_t, 4> initialLanes(std::uint64_t seed) {
  return {seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1};
}

// Consumes whole 32-byte stripes; returns how many bytes it used.
std::size_t consumeStripes(std::array<std::uint64_t, 4>& lanes, const unsigned char* p,
                           std::size_t size) {
  std::uint64_t v1 = lanes[0], v2 = lanes[1], v3 = lanes[2], v4 = lanes[3];
  const unsigned char* const start = p;
  const unsigned char* const limit = p + (size & ~std::size_t{31});
  for (; p < limit; p += 32) {
    v1 = round(v1, read64(p));
    v2 = round(v2, read64(p + 8));
    v3 = round(v3, read64(p + 16));
    v4 = round(v4, read64(p + 24));
  }
  lanes = {v1, v2, v3, v4};
  return static_cast<std::size_t>(p - start);
}

std::uint64_t finish(const std::array<std::uint64_t, 4>& lanes, std::uint64_t seed,
                     std::uint64_t total, const unsigned char* tail, std::size_t tailSize) {
  std::uint64_t h;
  if (total >= 32) {
    h = std::rotl(lanes[0], 1) + std::rotl(lanes[1], 7) + std::rotl(lanes[2], 12) +
        std::rotl(lanes[3], 18);
    for (std::uint64_t lane : lanes)
      h = mergeRound(h, lane);
  } else {
    h = seed + kPrime5;
  }
  h += total;
  const unsigned char* p = tail;
  const unsigned char* const end = tail + tailSize;
  for (; p + 8 <= end; p += 8) {
    h ^= round(0, read64(p));
    h = std::rotl(h, 27) * kPrime1 + kPrime4;
  }
  if (p + 4 <= end) {
    h ^= std::uint64_t{read32(p)} * kPrime1;
    h = std::rotl(h, 23) * kPrime2 + kPrime3;
    p += 4;
  }
  for (; p < end; ++p) {
    h ^= std::uint64_t{*p} * kPrime5;
    h = std::rotl(h, 11) * kPrime1;
  }
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  h ^= h >> 32;
  return h;
}

} // namespace

std::uint64_t xxh64(const void* data, std::size_t size, std::uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  auto lanes = initialLanes(seed);
  std::size_t used = size >= 32 ? consumeStripes(lanes, p, size) : 0;
  return finish(lanes, seed, size, p + used, size - used);
}

} // namespace seg::runtime
