#include "PopulationAggregates.h"

#include "Scalars.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace seg::exec {
namespace {

// Calls f(group, value) for every contact of the population whose input is not null, in
// row order, with the value as int64 (Bool, Enum and integer types) or double (Float).
template <class F> void forEachPresent(const ContactColumn& input, const MetricGroups& g, F&& f) {
  const std::size_t rows = g.groupOf.size();
  auto each = [&](auto load) {
    for (std::size_t row = 0; row < rows; ++row) {
      const std::uint32_t group = g.groupOf[row];
      if (group == kOutsidePopulation || !input.isValid(row)) continue;
      f(group, load(row));
    }
  };
  switch (input.type) {
  case ValueType::Bool:
    each([p = input.data<std::uint8_t>()](std::size_t r) { return std::int64_t{p[r]}; });
    break;
  case ValueType::Enum:
  case ValueType::String:
    each([p = input.data<std::uint32_t>()](std::size_t r) { return std::int64_t{p[r]}; });
    break;
  case ValueType::Float:
    each([p = input.data<double>()](std::size_t r) { return p[r]; });
    break;
  default:
    each([p = input.data<std::int64_t>()](std::size_t r) { return p[r]; });
    break;
  }
}

double toDouble(std::int64_t v) {
  return static_cast<double>(v);
}
double toDouble(double v) {
  return v;
}

Value valueOf(ValueType type, std::int64_t i, double f) {
  return type == ValueType::Float ? Value::real(f) : Value::integer(i);
}

// A typed sum per group: wrapping integers, or doubles added in row order.
struct Sums {
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
  std::vector<std::uint64_t> present;
};

Sums sums(const ContactColumn& input, const MetricGroups& g) {
  const std::size_t groups = g.sizes.size();
  Sums s{std::vector<std::int64_t>(groups, 0), std::vector<double>(groups, 0),
         std::vector<std::uint64_t>(groups, 0)};
  forEachPresent(input, g, [&](std::uint32_t group, auto v) {
    if constexpr (std::is_same_v<decltype(v), double>)
      s.reals[group] += v;
    else
      s.ints[group] = wrapAdd(s.ints[group], v);
    ++s.present[group];
  });
  return s;
}

double sumAsDouble(ValueType type, const Sums& s, std::size_t group) {
  return type == ValueType::Float ? s.reals[group] : static_cast<double>(s.ints[group]);
}

// NaN last, so that ordering is well-defined for any data.
bool realBefore(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

// Linear interpolation between the closest ranks (Hyndman & Fan type 7), by selection.
Value quantileOf(std::vector<double>::iterator first, std::vector<double>::iterator last,
                 double q) {
  if (first == last) return Value::null();
  const auto n = static_cast<std::size_t>(last - first);
  const double h = static_cast<double>(n - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(static_cast<std::size_t>(std::ceil(h)), n - 1);
  std::nth_element(first, first + static_cast<std::ptrdiff_t>(lo), last, realBefore);
  const double low = first[static_cast<std::ptrdiff_t>(lo)];
  const double high =
      hi == lo ? low
               : *std::min_element(first + static_cast<std::ptrdiff_t>(lo) + 1, last, realBefore);
  return Value::real(low + (h - static_cast<double>(lo)) * (high - low));
}

// Integers in a narrow range (answers on a scale, counts): the two order statistics type 7
// interpolates between, read from per-group histograms instead of selected. The same
// values, so the same result to the bit. Nothing when the range is too wide.
std::optional<std::vector<Value>> quantilesByHistogram(const ContactColumn& input,
                                                       const MetricGroups& g, double q) {
  if (input.type == ValueType::Float) return std::nullopt;
  const std::size_t groups = g.sizes.size();
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  forEachPresent(input, g, [&](std::uint32_t, auto v) {
    if constexpr (!std::is_same_v<decltype(v), double>) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  });
  if (low > high) return std::vector<Value>(groups);     // no values: every group null
  constexpr std::int64_t kExact = std::int64_t{1} << 53; // doubles hold these exactly
  if (low <= -kExact || high >= kExact || high - low >= (1 << 16) ||
      static_cast<std::uint64_t>(high - low + 1) * groups > (std::uint64_t{1} << 22))
    return std::nullopt;
  const auto bins = static_cast<std::size_t>(high - low + 1);
  std::vector<std::uint64_t> counts(groups * bins, 0);
  forEachPresent(input, g, [&](std::uint32_t group, auto v) {
    if constexpr (!std::is_same_v<decltype(v), double>)
      ++counts[group * bins + static_cast<std::size_t>(v - low)];
  });
  std::vector<Value> out(groups);
  for (std::size_t k = 0; k < groups; ++k) {
    const std::uint64_t* c = counts.data() + k * bins;
    std::uint64_t n = 0;
    for (std::size_t b = 0; b < bins; ++b)
      n += c[b];
    if (n == 0) continue;
    const double h = static_cast<double>(n - 1) * q;
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const auto hi = std::min(static_cast<std::uint64_t>(std::ceil(h)), n - 1);
    // The j-th smallest value (0-based): the first bin whose running count passes j.
    auto statistic = [&](std::uint64_t j) {
      std::uint64_t seen = 0;
      for (std::size_t b = 0; b < bins; ++b) {
        seen += c[b];
        if (seen > j) return static_cast<double>(low + static_cast<std::int64_t>(b));
      }
      return static_cast<double>(high);
    };
    const double lowValue = statistic(lo);
    const double highValue = hi == lo ? lowValue : statistic(hi);
    out[k] = Value::real(lowValue + (h - static_cast<double>(lo)) * (highValue - lowValue));
  }
  return out;
}

std::vector<Value> quantiles(const ContactColumn& input, const MetricGroups& g, double q) {
  if (std::optional<std::vector<Value>> counted = quantilesByHistogram(input, g, q))
    return std::move(*counted);
  const std::size_t groups = g.sizes.size();
  // The values grouped contiguously (a counting sort by group), then selected per group.
  std::vector<std::size_t> start(groups + 1, 0);
  forEachPresent(input, g, [&](std::uint32_t group, auto) { ++start[group + 1]; });
  for (std::size_t k = 0; k < groups; ++k)
    start[k + 1] += start[k];
  std::vector<double> values(start[groups]);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  forEachPresent(input, g,
                 [&](std::uint32_t group, auto v) { values[next[group]++] = toDouble(v); });
  std::vector<Value> out(groups);
  for (std::size_t k = 0; k < groups; ++k)
    out[k] = quantileOf(values.begin() + static_cast<std::ptrdiff_t>(start[k]),
                        values.begin() + static_cast<std::ptrdiff_t>(start[k + 1]), q);
  return out;
}

template <bool kMin>
std::vector<Value> extremes(const ContactColumn& input, const MetricGroups& g) {
  const std::size_t groups = g.sizes.size();
  std::vector<Value> out(groups);
  std::vector<std::int64_t> ints(groups, 0);
  std::vector<double> reals(groups, 0);
  std::vector<std::uint8_t> seen(groups, 0);
  // The first value, then any strictly better one (`<` as the language compares: a NaN
  // never replaces nor is replaced once first).
  forEachPresent(input, g, [&](std::uint32_t group, auto v) {
    if constexpr (std::is_same_v<decltype(v), double>) {
      if (!seen[group] || (kMin ? v < reals[group] : reals[group] < v)) reals[group] = v;
    } else {
      if (!seen[group] || (kMin ? v < ints[group] : ints[group] < v)) ints[group] = v;
    }
    seen[group] = 1;
  });
  for (std::size_t k = 0; k < groups; ++k)
    if (seen[k]) out[k] = valueOf(input.type, ints[k], reals[k]);
  return out;
}

} // namespace

std::vector<Value> aggregateByGroup(const BoundPlan& bound, const plan::PopulationAggregate& a,
                                    const MetricGroups& g) {
  const std::size_t groups = g.sizes.size();
  std::vector<Value> out(groups);
  if (a.inputSlot < 0) { // count()
    for (std::size_t k = 0; k < groups; ++k)
      out[k] = Value::integer(static_cast<std::int64_t>(g.sizes[k]));
    return out;
  }
  const ContactColumn& input = bound.slots.at(a.inputSlot);
  switch (a.function) {
  case plan::Function::PopCount:
  case plan::Function::Percent: {
    std::vector<std::uint64_t> trues(groups, 0), present(groups, 0);
    forEachPresent(input, g, [&](std::uint32_t group, auto v) {
      trues[group] += v != 0 ? 1 : 0;
      ++present[group];
    });
    for (std::size_t k = 0; k < groups; ++k) {
      if (a.function == plan::Function::PopCount)
        out[k] = Value::integer(static_cast<std::int64_t>(trues[k]));
      else if (present[k] != 0)
        out[k] =
            Value::real(100.0 * static_cast<double>(trues[k]) / static_cast<double>(present[k]));
    }
    return out;
  }
  case plan::Function::PopSum: {
    Sums s = sums(input, g);
    for (std::size_t k = 0; k < groups; ++k) {
      if (input.type == ValueType::Float)
        out[k] = Value::real(s.reals[k]);
      else if (a.type == ValueType::Float)
        out[k] = Value::real(static_cast<double>(s.ints[k]));
      else
        out[k] = Value::integer(s.ints[k]);
    }
    return out;
  }
  case plan::Function::PopAvg: {
    std::vector<double> total(groups, 0);
    std::vector<std::uint64_t> present(groups, 0);
    forEachPresent(input, g, [&](std::uint32_t group, auto v) {
      total[group] += toDouble(v);
      ++present[group];
    });
    for (std::size_t k = 0; k < groups; ++k)
      if (present[k] != 0) out[k] = Value::real(total[k] / static_cast<double>(present[k]));
    return out;
  }
  case plan::Function::PopMin:
    return extremes<true>(input, g);
  case plan::Function::PopMax:
    return extremes<false>(input, g);
  case plan::Function::Median:
    return quantiles(input, g, 0.5);
  case plan::Function::Quantile:
    return quantiles(input, g, a.quantile);
  case plan::Function::Ratio: {
    const ContactColumn& second = bound.slots.at(a.secondSlot);
    Sums num = sums(input, g), den = sums(second, g);
    for (std::size_t k = 0; k < groups; ++k) {
      const double d = sumAsDouble(second.type, den, k);
      if (d != 0) out[k] = Value::real(sumAsDouble(input.type, num, k) / d);
    }
    return out;
  }
  default:
    return out;
  }
}

} // namespace seg::exec
