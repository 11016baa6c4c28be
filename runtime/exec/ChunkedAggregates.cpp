// Per chunk and aggregate two int64 words per group: (true values, present values) for
// count and percent, (wrapping sum, present) for sum, (extreme, seen) for min and max.
#include "ChunkedAggregates.h"

#include "DenseGroups.h"
#include "Scalars.h"

#include <vector>

namespace seg::exec {
namespace {

using plan::PopulationAggregate;

enum class Kind { Trues, Sum, Min, Max };

Kind kindOf(const PopulationAggregate& a) {
  switch (a.function) {
  case plan::Function::PopSum:
    return Kind::Sum;
  case plan::Function::PopMin:
    return Kind::Min;
  case plan::Function::PopMax:
    return Kind::Max;
  default:
    return Kind::Trues;
  }
}

// Folds rows [begin, end) of one input into acc (2 words per group, then 2 spare words
// that rows outside the population and null inputs go to): counts and sums without a
// branch per row, as nulls and groups follow no pattern the CPU could predict.
template <class T>
void fold(Kind kind, const T* values, const std::uint64_t* validity, const std::uint32_t* groupOf,
          std::size_t begin, std::size_t end, std::size_t groups, std::int64_t* acc) {
  auto slotOf = [&](std::size_t row) {
    const std::uint32_t group = groupOf[row];
    const bool valid = ((validity[row >> 6] >> (row & 63)) & 1) != 0;
    return valid && group != kOutsidePopulation ? std::size_t{group} : groups;
  };
  // Counts and sums go to four interleaved copies (row % 4), so that consecutive rows of
  // one group do not wait on each other's store; the copies are added at the end (integer
  // arithmetic: exact in any order).
  const std::size_t stride = 2 * groups + 2;
  auto lanes = [&](auto add) {
    std::vector<std::uint64_t> lane(4 * stride, 0);
    for (std::size_t row = begin; row < end; ++row) {
      std::uint64_t* a = lane.data() + (row & 3) * stride + 2 * slotOf(row);
      a[0] += add(values[row]);
      ++a[1];
    }
    for (std::size_t w = 0; w < stride; ++w)
      acc[w] =
          static_cast<std::int64_t>(static_cast<std::uint64_t>(acc[w]) + lane[w] +
                                    lane[stride + w] + lane[2 * stride + w] + lane[3 * stride + w]);
  };
  switch (kind) {
  case Kind::Trues:
    lanes([](T v) -> std::uint64_t { return v != 0 ? 1 : 0; });
    break;
  case Kind::Sum: // wrapping, as the language's integer sums
    lanes([](T v) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)); });
    break;
  case Kind::Min:
  case Kind::Max:
    for (std::size_t row = begin; row < end; ++row) {
      const std::size_t slot = slotOf(row);
      if (slot == groups) continue;
      std::int64_t* a = acc + 2 * slot;
      const auto v = static_cast<std::int64_t>(values[row]);
      if (a[1] == 0 || (kind == Kind::Min ? v < a[0] : a[0] < v)) a[0] = v;
      a[1] = 1;
    }
    break;
  }
}

// The same for at most 8 groups, with the counts in registers: a group's row adds its
// value under a mask to every group's counter (no store per row, so no wait on one).
template <int G, class T>
void foldFew(Kind kind, const T* values, const std::uint64_t* validity,
             const std::uint32_t* groupOf, std::size_t begin, std::size_t end, std::int64_t* acc) {
  std::uint64_t first[G] = {}, count[G] = {};
  auto each = [&](auto add) {
    for (std::size_t row = begin; row < end; ++row) {
      const std::uint64_t valid = (validity[row >> 6] >> (row & 63)) & 1;
      const std::uint32_t group = groupOf[row];
      const std::uint64_t value = add(values[row]);
      for (int k = 0; k < G; ++k) {
        const std::uint64_t m =
            static_cast<std::uint64_t>(group == static_cast<std::uint32_t>(k)) & valid;
        first[k] += value & (0 - m);
        count[k] += m;
      }
    }
  };
  if (kind == Kind::Trues)
    each([](T v) -> std::uint64_t { return v != 0 ? 1 : 0; });
  else // Sum, wrapping
    each([](T v) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)); });
  for (int k = 0; k < G; ++k) {
    acc[2 * k] = static_cast<std::int64_t>(static_cast<std::uint64_t>(acc[2 * k]) + first[k]);
    acc[2 * k + 1] += static_cast<std::int64_t>(count[k]);
  }
}

template <class T>
void foldAny(Kind kind, const T* values, const std::uint64_t* validity,
             const std::uint32_t* groupOf, std::size_t begin, std::size_t end, std::size_t groups,
             std::int64_t* acc) {
  if (kind == Kind::Trues || kind == Kind::Sum) {
    switch (groups) {
    case 1:
      return foldFew<1>(kind, values, validity, groupOf, begin, end, acc);
    case 2:
      return foldFew<2>(kind, values, validity, groupOf, begin, end, acc);
    case 3:
      return foldFew<3>(kind, values, validity, groupOf, begin, end, acc);
    case 4:
      return foldFew<4>(kind, values, validity, groupOf, begin, end, acc);
    case 5:
      return foldFew<5>(kind, values, validity, groupOf, begin, end, acc);
    case 6:
      return foldFew<6>(kind, values, validity, groupOf, begin, end, acc);
    case 7:
      return foldFew<7>(kind, values, validity, groupOf, begin, end, acc);
    case 8:
      return foldFew<8>(kind, values, validity, groupOf, begin, end, acc);
    default:
      break;
    }
  }
  fold(kind, values, validity, groupOf, begin, end, groups, acc);
}

// Adds chunk partials `from` into `into`, as the row-order pass would have continued.
void merge(Kind kind, const std::int64_t* from, std::int64_t* into, std::size_t groups) {
  for (std::size_t k = 0; k < groups; ++k) {
    const std::int64_t* f = from + 2 * k;
    std::int64_t* t = into + 2 * k;
    switch (kind) {
    case Kind::Trues:
      t[0] += f[0];
      t[1] += f[1];
      break;
    case Kind::Sum:
      t[0] = static_cast<std::int64_t>(static_cast<std::uint64_t>(t[0]) +
                                       static_cast<std::uint64_t>(f[0]));
      t[1] += f[1];
      break;
    case Kind::Min:
    case Kind::Max:
      if (f[1] != 0 && (t[1] == 0 || (kind == Kind::Min ? f[0] < t[0] : t[0] < f[0]))) t[0] = f[0];
      t[1] |= f[1];
      break;
    }
  }
}

} // namespace

bool isChunkable(const BoundPlan& bound, const PopulationAggregate& a) {
  if (a.inputSlot < 0) return false; // count(): the group sizes already
  if (bound.slots.at(a.inputSlot).type == ValueType::Float) return false;
  switch (a.function) {
  case plan::Function::PopCount:
  case plan::Function::Percent:
  case plan::Function::PopSum:
  case plan::Function::PopMin:
  case plan::Function::PopMax:
    return true;
  default:
    return false;
  }
}

std::vector<std::vector<Value>> aggregateChunked(const BoundPlan& bound,
                                                 const std::vector<const PopulationAggregate*>& all,
                                                 const MetricGroups& g, ThreadPool* pool) {
  const std::size_t rows = g.groupOf.size();
  const std::size_t groups = g.sizes.size();
  const std::size_t chunks = (rows + kMetricChunkRows - 1) / kMetricChunkRows;
  const std::size_t stride = 2 * groups + 2; // words per aggregate per chunk, spare ones last
  // partial[chunk][aggregate * stride + 2 * group + word]
  std::vector<std::vector<std::int64_t>> partial(chunks);
  forEachChunk(rows, pool, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
    std::vector<std::int64_t>& acc = partial[chunk];
    acc.assign(all.size() * stride, 0);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const ContactColumn& input = bound.slots.at(all[i]->inputSlot);
      const Kind kind = kindOf(*all[i]);
      std::int64_t* out = acc.data() + i * stride;
      const std::uint64_t* valid = input.validity.data();
      switch (input.type) {
      case ValueType::Bool:
        foldAny(kind, input.data<std::uint8_t>(), valid, g.groupOf.data(), begin, end, groups, out);
        break;
      case ValueType::Enum:
      case ValueType::String:
        foldAny(kind, input.data<std::uint32_t>(), valid, g.groupOf.data(), begin, end, groups,
                out);
        break;
      default:
        foldAny(kind, input.data<std::int64_t>(), valid, g.groupOf.data(), begin, end, groups, out);
        break;
      }
    }
  });
  std::vector<std::vector<Value>> out(all.size(), std::vector<Value>(groups));
  std::vector<std::int64_t> total(stride);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const PopulationAggregate& a = *all[i];
    const Kind kind = kindOf(a);
    std::fill(total.begin(), total.end(), 0);
    for (std::size_t chunk = 0; chunk < chunks; ++chunk)
      merge(kind, partial[chunk].data() + i * stride, total.data(), groups);
    for (std::size_t k = 0; k < groups; ++k) {
      const std::int64_t first = total[2 * k], second = total[2 * k + 1];
      switch (a.function) {
      case plan::Function::PopCount:
        out[i][k] = Value::integer(first);
        break;
      case plan::Function::Percent:
        if (second != 0)
          out[i][k] = Value::real(100.0 * static_cast<double>(static_cast<std::uint64_t>(first)) /
                                  static_cast<double>(static_cast<std::uint64_t>(second)));
        break;
      case plan::Function::PopSum:
        out[i][k] = a.type == ValueType::Float ? Value::real(static_cast<double>(first))
                                               : Value::integer(first);
        break;
      default: // min, max
        if (second != 0) out[i][k] = Value::integer(first);
        break;
      }
    }
  }
  return out;
}

} // namespace seg::exec
