// A fixed list of values picked with integer weights: exact arithmetic, so a pick is the
// same on every machine.
#pragma once

#include "Random.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace seg::runtime {

template <class T> struct Weighted {
  T value;
  std::uint32_t weight;
};

template <class T> class WeightedTable {
public:
  WeightedTable() = default;
  WeightedTable(std::initializer_list<Weighted<T>> entries) {
    for (const Weighted<T>& entry : entries)
      add(entry.value, entry.weight);
  }

  void add(T value, std::uint32_t weight) {
    total_ += weight;
    values_.push_back(std::move(value));
    cumulative_.push_back(total_);
  }

  std::size_t pickIndex(Rng& rng) const {
    const std::uint64_t r = rng.below(total_);
    return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                                    cumulative_.begin());
  }
  const T& pick(Rng& rng) const { return values_[pickIndex(rng)]; }

  const std::vector<T>& values() const { return values_; }
  std::size_t size() const { return values_.size(); }

private:
  std::vector<T> values_;
  std::vector<std::uint64_t> cumulative_;
  std::uint64_t total_ = 0;
};

// An index into a short list of weights, by linear scan: no table to build, for choices
// whose weights change from contact to contact.
inline std::size_t pickIndex(Rng& rng, std::span<const std::uint32_t> weights) {
  std::uint64_t total = 0;
  for (std::uint32_t w : weights)
    total += w;
  std::uint64_t r = rng.below(total);
  std::size_t i = 0;
  while (r >= weights[i])
    r -= weights[i++];
  return i;
}

} // namespace seg::runtime
