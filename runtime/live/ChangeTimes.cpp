#include "ChangeTimes.h"

#include "exec/ThreadPool.h"

#include <algorithm>

namespace seg::runtime::live {

namespace {

__extension__ typedef __int128 Wide; // sums of two timestamps do not overflow it

// The first of t + offset + k × period (k whole; period 0: only k = 0) that is ≥ from.
Wide firstFrom(std::int64_t t, std::int64_t offset, std::int64_t period, std::int64_t from) {
  const Wide base = Wide{t} + offset;
  if (period == 0) return base >= from ? base : Wide{kNoChange};
  const Wide behind = Wide{from} - base;
  if (behind <= 0) return base - (-behind) / period * period; // the earliest not before from
  return base + (behind + period - 1) / period * period;
}

struct Offsets {
  TimeSource source;
  std::vector<std::pair<std::int64_t, std::int64_t>> moments; // (offset, period)
};

std::vector<Offsets> bySource(const TimeDependence& dependence) {
  std::vector<Offsets> out;
  for (const TimeProbe& probe : dependence.probes) { // sorted: one source's probes together
    if (out.empty() || out.back().source != probe.source) out.push_back({probe.source, {}});
    out.back().moments.emplace_back(probe.offset, probe.period);
  }
  return out;
}

void contactMoments(const Store& store, const Offsets& probes, std::size_t begin, std::size_t end,
                    std::int64_t from, std::vector<std::int64_t>& next) {
  const Column& column = store.contacts.columns[static_cast<std::size_t>(probes.source.index)];
  const std::span<const std::int64_t> values = column.values<std::int64_t>();
  for (std::size_t row = begin; row < end; ++row) {
    if (!column.isValid(row)) continue;
    Wide first = next[row];
    for (auto [offset, period] : probes.moments)
      first = std::min(first, firstFrom(values[row], offset, period, from));
    next[row] = static_cast<std::int64_t>(first);
  }
}

void eventMoments(const Store& store, const Offsets& probes, std::size_t begin, std::size_t end,
                  std::int64_t from, std::vector<std::int64_t>& next) {
  const EventTable& table = store.events[static_cast<std::size_t>(probes.source.index)];
  if (table.rows == 0 || table.offsets.size() < end + 1) return;
  const Column& column = table.columns[static_cast<std::size_t>(probes.source.column)];
  const std::span<const std::int64_t> values = column.values<std::int64_t>();
  // `at` is sorted within a contact: a one-off moment is a binary search away.
  const bool sorted = probes.source.column == 0 && !column.hasNulls();
  for (std::size_t row = begin; row < end; ++row) {
    const std::uint32_t first = table.offsets[row], last = table.offsets[row + 1];
    if (first == last) continue;
    Wide soonest = next[row];
    for (auto [offset, period] : probes.moments) {
      if (sorted && period == 0) {
        const auto* it = std::lower_bound(
            values.data() + first, values.data() + last, from,
            [offset](std::int64_t t, std::int64_t f) { return Wide{t} + offset < f; });
        if (it != values.data() + last) soonest = std::min(soonest, Wide{*it} + offset);
        continue;
      }
      for (std::uint32_t e = first; e < last; ++e)
        if (column.isValid(e))
          soonest = std::min(soonest, firstFrom(values[e], offset, period, from));
    }
    next[row] = static_cast<std::int64_t>(soonest);
  }
}

} // namespace

std::vector<std::int64_t> nextChanges(const Store& store, const TimeDependence& dependence,
                                      std::int64_t from, unsigned threads) {
  const std::size_t rows = store.contacts.rows;
  std::vector<std::int64_t> next(rows, kNoChange);
  const std::vector<Offsets> sources = bySource(dependence);
  if (sources.empty() || rows == 0) return next;
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t chunks = (rows + kChunk - 1) / kChunk;
  exec::ThreadPool pool(
      std::min<unsigned>(exec::ThreadPool::resolve(threads), static_cast<unsigned>(chunks)));
  pool.forEach(chunks, [&](std::size_t chunk) {
    const std::size_t begin = chunk * kChunk, end = std::min(rows, begin + kChunk);
    for (const Offsets& probes : sources)
      (probes.source.events ? eventMoments : contactMoments)(store, probes, begin, end, from, next);
  });
  return next;
}

} // namespace seg::runtime::live
