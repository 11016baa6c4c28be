// Helper functions called from generated code. Array forms take a whole chunk of lanes
// per call so the vector code pays one call per 64 contacts.
#include "Builtins.h"

#include "KernelAbi.h"
#include "base/CivilTime.h"
#include "exec/Scalars.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace seg::jit {
namespace {

void seg_jit_year(const std::int64_t* ts, std::int64_t* out, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i)
    out[i] = base::civilFromDays(exec::floorDiv(ts[i], exec::kMicrosPerDay)).year;
}

void seg_jit_month(const std::int64_t* ts, std::int64_t* out, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i)
    out[i] = base::civilFromDays(exec::floorDiv(ts[i], exec::kMicrosPerDay)).month;
}

void seg_jit_round_to_int(const double* x, std::int64_t* out, std::uint8_t* valid,
                          std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    exec::Value v = exec::roundToInt(x[i]);
    out[i] = v.valid ? v.i : 0;
    valid[i] = v.valid ? 1 : 0;
  }
}

void seg_jit_round_digits(const double* x, double* out, std::uint64_t n, std::int64_t digits) {
  for (std::uint64_t i = 0; i < n; ++i)
    out[i] = exec::roundToDigits(x[i], digits);
}

// The weight of a decayed event: the interpreter's own function, so both agree.
double seg_jit_decay_weight(std::int64_t now, std::int64_t at, std::int64_t halfLife) {
  return exec::decayWeight(now, at, halfLife);
}

void* seg_jit_reserve(void* scratch, std::uint64_t words) {
  auto& buffer = static_cast<CallScratch*>(scratch)->words;
  if (buffer.size() < words) buffer.resize(words);
  return buffer.data();
}

// As runtime/exec/EventAggregates.cpp counts them: sort by `<`, then drop runs of `==`
// (the same comparisons in the same order, so even NaNs count alike).
template <class T> std::int64_t countDistinct(T* values, std::uint64_t n) {
  std::sort(values, values + n, [](T a, T b) { return a < b; });
  return std::unique(values, values + n, [](T a, T b) { return a == b; }) - values;
}

// Ints, bools, enum values and string codes (distinct codes are distinct texts) come as
// int64; floats as the bits of doubles.
std::int64_t seg_jit_distinct(std::uint64_t* values, std::uint64_t n, std::int64_t isFloat) {
  if (n == 0) return 0;
  if (!isFloat) return countDistinct(reinterpret_cast<std::int64_t*>(values), n);
  std::vector<double> reals(n);
  std::memcpy(reals.data(), values, n * sizeof(double));
  return countDistinct(reals.data(), n);
}

const HelperSymbol kHelpers[] = {
    {"seg_jit_year", reinterpret_cast<void*>(&seg_jit_year)},
    {"seg_jit_month", reinterpret_cast<void*>(&seg_jit_month)},
    {"seg_jit_round_to_int", reinterpret_cast<void*>(&seg_jit_round_to_int)},
    {"seg_jit_round_digits", reinterpret_cast<void*>(&seg_jit_round_digits)},
    {"seg_jit_decay_weight", reinterpret_cast<void*>(&seg_jit_decay_weight)},
    {"seg_jit_reserve", reinterpret_cast<void*>(&seg_jit_reserve)},
    {"seg_jit_distinct", reinterpret_cast<void*>(&seg_jit_distinct)},
};

} // namespace

std::span<const HelperSymbol> helperSymbols() {
  return kHelpers;
}

} // namespace seg::jit
