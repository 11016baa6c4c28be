#include "LiveRanks.h"

#include "SpareBuffers.h"
#include "exec/OrderKey.h"
#include "exec/ThreadPool.h"
#include "live/LiveMethods.h"
#include "store/Store.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace seg::detail {

namespace {

namespace live = runtime::live;

// A kept rank's key: its input slot's name and its bucket count (two ntiles may share an
// input).
std::string inputName(const plan::Plan& plan, const plan::Rank& rank) {
  return plan.slots.at(static_cast<std::size_t>(rank.inputSlot)).name + "/" +
         std::to_string(rank.buckets);
}

std::uint64_t bucketsOf(const plan::Rank& rank) {
  return static_cast<std::uint64_t>(std::max<std::int64_t>(rank.buckets, 1));
}

const RankedColumns& kept(const RankState& state, const std::string& name) {
  auto it = state.find(name);
  if (it == state.end()) throw std::logic_error("no kept rank for '" + name + "'");
  return it->second;
}

// Row `row`'s value as an order key (valid rows only).
std::uint64_t keyAt(const exec::ContactColumn& column, std::size_t row) {
  return column.type == plan::ValueType::Float ? exec::orderKey(column.data<double>()[row])
                                               : exec::orderKey(column.data<std::int64_t>()[row]);
}

// Marks in `found` the rows below `rows` that have a value, are not `changed` and whose key
// lies in one of `ranges`: one branch-free pass over the column.
template <class T>
void markInRanges(const T* values, const std::uint64_t* validity, std::size_t rows,
                  std::span<const live::KeyRange> ranges, const std::vector<std::uint64_t>& changed,
                  std::vector<std::uint64_t>& found) {
  for (std::size_t w = 0; w * 64 < rows; ++w) {
    const std::size_t base = w * 64;
    const std::size_t n = std::min<std::size_t>(64, rows - base);
    const std::uint64_t inside = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    const std::uint64_t candidates = validity[w] & ~changed[w] & inside;
    if (candidates == 0) continue;
    std::uint64_t hits = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t key = exec::orderKey(values[base + i]);
      bool hit = false;
      for (const live::KeyRange& range : ranges)
        hit |= range.holds(key);
      hits |= static_cast<std::uint64_t>(hit) << i;
    }
    found[w] |= hits & candidates;
  }
}

live::SortedKeys sortedKeysOf(const exec::ContactColumn& column, std::size_t rows) {
  std::vector<std::uint64_t> keys;
  keys.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row)
    if (column.isValid(row)) keys.push_back(keyAt(column, row));
  return live::sortKeys(std::move(keys));
}

// `column` made `rows` long (the rows added are null), in a spare column when one fits.
std::shared_ptr<exec::ContactColumn> grown(const exec::ContactColumn& column, std::size_t rows) {
  auto& spares = SpareBuffers<exec::ContactColumn>::instance();
  std::shared_ptr<exec::ContactColumn> out = spares.take([&](const exec::ContactColumn& spare) {
    return spare.type == column.type && spare.values.size() == rows * sizeof(std::int64_t);
  });
  if (!out) {
    auto fresh = std::make_unique<exec::ContactColumn>();
    fresh->type = column.type;
    fresh->resize(rows);
    out = spares.adopt(std::move(fresh));
  }
  const std::size_t bytes = std::min(column.values.size(), out->values.size());
  std::memcpy(out->values.data(), column.values.data(), bytes);
  std::memset(out->values.data() + bytes, 0, out->values.size() - bytes);
  const std::size_t words = std::min(column.validity.size(), out->validity.size());
  std::copy_n(column.validity.begin(), words, out->validity.begin());
  std::fill(out->validity.begin() + static_cast<std::ptrdiff_t>(words), out->validity.end(), 0);
  if (rows % 64 != 0 && !out->validity.empty()) // rows past the end are null
    out->validity.back() &= (std::uint64_t{1} << (rows % 64)) - 1;
  return out;
}

// `sorted` patched (live::patchKeys), into a spare key array when one is large enough.
std::shared_ptr<const live::SortedKeys> patched(const live::SortedKeys& sorted,
                                                std::span<const std::uint64_t> removed,
                                                std::span<const std::uint64_t> added) {
  auto& spares = SpareBuffers<live::SortedKeys>::instance();
  const std::size_t size = sorted.size() + added.size();
  std::shared_ptr<live::SortedKeys> out =
      spares.take([size](const live::SortedKeys& spare) { return spare.capacity() >= size; });
  if (!out) {
    auto fresh = std::make_unique<live::SortedKeys>();
    fresh->reserve(size + size / 16); // room for contacts to come
    out = spares.adopt(std::move(fresh));
  }
  live::patchKeys(sorted, removed, added, *out);
  return out;
}

// Row i of `from` to row rows[i] of `to` (8-byte values: rank inputs).
void scatter(const exec::ContactColumn& from, std::span<const std::uint32_t> rows,
             exec::ContactColumn& to) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    to.data<std::int64_t>()[rows[i]] = from.data<std::int64_t>()[i];
    to.setValid(rows[i], from.isValid(i));
  }
}

// The ranks of rows[i] of `input` (ranked among `sorted`) into row i of `out`.
void rankRows(const exec::ContactColumn& input, const live::SortedKeys& sorted, std::uint64_t k,
              std::span<const std::uint32_t> rows, exec::ContactColumn& out) {
  const std::vector<std::uint64_t> thresholds =
      sorted.empty() ? std::vector<std::uint64_t>{} : live::bucketThresholds(sorted, k);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool valid = input.isValid(rows[i]);
    out.data<std::int64_t>()[i] = valid ? live::bucketOf(thresholds, keyAt(input, rows[i])) : 0;
    out.setValid(i, valid);
  }
}

std::shared_future<std::shared_ptr<const live::SortedKeys>>
ready(std::shared_ptr<const live::SortedKeys> keys) {
  std::promise<std::shared_ptr<const live::SortedKeys>> promise;
  promise.set_value(std::move(keys));
  return promise.get_future().share();
}

std::size_t rowsOf(const exec::ContactColumn& column) {
  return column.values.size() / sizeof(std::int64_t);
}

} // namespace

exec::RankFiller capturingRanks(RankState& out) {
  return [&out](exec::BoundPlan& bound, std::int32_t stage, exec::ThreadPool* pool) {
    exec::computeRanks(bound, stage, pool);
    const plan::Plan& plan = *bound.plan;
    std::map<std::int32_t, RankedColumns> bySlot; // an input two ntiles share: kept once
    for (const plan::Rank& rank : plan.ranks) {
      if (rank.stage != stage || !runtime::live::rankKeepable(rank)) continue;
      auto [it, fresh] = bySlot.try_emplace(rank.inputSlot);
      if (fresh) {
        auto input = std::make_shared<const exec::ContactColumn>(
            bound.slots[static_cast<std::size_t>(rank.inputSlot)]);
        it->second.input = input;
        it->second.sorted =
            std::async(std::launch::async, [input, rows = bound.store->contacts.rows] {
              return std::make_shared<const live::SortedKeys>(sortedKeysOf(*input, rows));
            }).share();
      }
      out[inputName(plan, rank)] = it->second;
    }
  };
}

exec::RankFiller patchingRanks(const RankState& last, std::span<const std::uint32_t> rows,
                               std::size_t contacts, RankState& next,
                               std::vector<std::uint32_t>& moved) {
  return [&last, rows, contacts, &next, &moved](exec::BoundPlan& bound, std::int32_t stage,
                                                exec::ThreadPool* pool) {
    const plan::Plan& plan = *bound.plan;
    struct Due {
      std::size_t rank;
      std::string name;
      const RankedColumns* before;
      std::size_t input; // into `inputs`
    };
    std::vector<Due> due;
    std::vector<std::int32_t> slots; // each input patched once, however many ntiles read it
    for (std::size_t r = 0; r < plan.ranks.size(); ++r) {
      const plan::Rank& rank = plan.ranks[r];
      if (rank.stage != stage) continue;
      if (!runtime::live::rankKeepable(rank)) throw std::logic_error("a rank that cannot be kept");
      const auto input = static_cast<std::size_t>(
          std::find(slots.begin(), slots.end(), rank.inputSlot) - slots.begin());
      if (input == slots.size()) slots.push_back(rank.inputSlot);
      const std::string name = inputName(plan, rank);
      due.push_back({r, name, &kept(last, name), input});
    }
    if (due.empty()) return;
    auto forEach = [pool](std::size_t count, const std::function<void(std::size_t)>& task) {
      if (pool != nullptr) {
        pool->forEach(count, task);
      } else {
        for (std::size_t i = 0; i < count; ++i)
          task(i);
      }
    };
    std::vector<std::uint64_t> changed(runtime::bitmapWords(contacts), 0);
    for (std::uint32_t row : rows)
      changed[row >> 6] |= std::uint64_t{1} << (row & 63); // re-evaluated anyway
    // These rows' inputs as they are now: their old keys out of the sorted ones, the new in.
    std::vector<RankedColumns> inputs(slots.size());
    forEach(slots.size(), [&](std::size_t i) {
      const Due& first =
          *std::find_if(due.begin(), due.end(), [i](const Due& d) { return d.input == i; });
      const RankedColumns& before = *first.before;
      const std::size_t old = std::min(contacts, rowsOf(*before.input));
      const exec::ContactColumn& now = bound.slots[static_cast<std::size_t>(slots[i])];
      std::shared_ptr<exec::ContactColumn> input = grown(*before.input, contacts);
      scatter(now, rows, *input);
      std::vector<std::uint64_t> removed, added;
      for (std::size_t j = 0; j < rows.size(); ++j) {
        if (rows[j] < old && before.input->isValid(rows[j]))
          removed.push_back(keyAt(*before.input, rows[j]));
        if (now.isValid(j)) added.push_back(keyAt(now, j));
      }
      std::sort(removed.begin(), removed.end());
      std::sort(added.begin(), added.end());
      inputs[i].sorted = ready(patched(before.keys(), removed, added));
      inputs[i].input = std::move(input);
    });
    // Each ntile: these rows ranked among everyone; the others keep their keys, so their
    // bucket moves only where a threshold did.
    std::vector<std::vector<std::uint64_t>> found(due.size());
    forEach(due.size(), [&](std::size_t d) {
      const RankedColumns& before = *due[d].before;
      const RankedColumns& after = inputs[due[d].input];
      const std::uint64_t k = bucketsOf(plan.ranks[due[d].rank]);
      rankRows(*after.input, after.keys(), k, rows, bound.ranks[due[d].rank]);
      found[d].assign(runtime::bitmapWords(contacts), 0);
      const std::size_t old = std::min(contacts, rowsOf(*before.input));
      std::vector<live::KeyRange> ranges;
      if (!before.keys().empty() && !after.keys().empty())
        ranges = live::movedRanges(live::bucketThresholds(before.keys(), k),
                                   live::bucketThresholds(after.keys(), k));
      const exec::ContactColumn& input = *after.input;
      if (!ranges.empty()) {
        if (input.type == plan::ValueType::Float)
          markInRanges(input.data<double>(), input.validity.data(), old, ranges, changed, found[d]);
        else
          markInRanges(input.data<std::int64_t>(), input.validity.data(), old, ranges, changed,
                       found[d]);
      }
      for (std::size_t row = old; row < contacts; ++row) // new rows not re-evaluated: to be sure
        if (((changed[row >> 6] >> (row & 63)) & 1u) == 0)
          found[d][row >> 6] |= std::uint64_t{1} << (row & 63);
    });
    for (const Due& d : due)
      next[d.name] = inputs[d.input];
    moved.clear();
    for (std::size_t w = 0; w < changed.size(); ++w) {
      std::uint64_t bits = 0;
      for (const std::vector<std::uint64_t>& one : found)
        bits |= one[w];
      for (; bits != 0; bits &= bits - 1)
        moved.push_back(
            static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
    }
  };
}

exec::RankFiller readingRanks(const RankState& state, std::span<const std::uint32_t> rows) {
  return [&state, rows](exec::BoundPlan& bound, std::int32_t stage, exec::ThreadPool*) {
    const plan::Plan& plan = *bound.plan;
    for (std::size_t r = 0; r < plan.ranks.size(); ++r)
      if (plan.ranks[r].stage == stage) {
        const RankedColumns& columns = kept(state, inputName(plan, plan.ranks[r]));
        rankRows(*columns.input, columns.keys(), bucketsOf(plan.ranks[r]), rows, bound.ranks[r]);
      }
  };
}

} // namespace seg::detail
