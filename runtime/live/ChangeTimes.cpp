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
  const std::int64_t* values = column.values<std::int64_t>().data();
  // `at` is sorted within a contact: one-off moments come from one walk over its events, the
  // largest offset first (the smallest threshold from − offset), the pointer only advancing.
  const bool sorted = probes.source.column == 0 && !column.hasNulls();
  struct Threshold {
    std::int64_t offset, least; // an event counts when at ≥ least (= from − offset)
  };
  std::vector<Threshold> oneOff;
  std::vector<std::pair<std::int64_t, std::int64_t>> others;
  for (auto [offset, period] : probes.moments) {
    std::int64_t least = 0;
    if (sorted && period == 0 && !__builtin_sub_overflow(from, offset, &least))
      oneOff.push_back({offset, least});
    else
      others.emplace_back(offset, period);
  }
  std::sort(oneOff.begin(), oneOff.end(),
            [](const Threshold& a, const Threshold& b) { return a.least < b.least; });
  for (std::size_t row = begin; row < end; ++row) {
    const std::uint32_t first = table.offsets[row], last = table.offsets[row + 1];
    if (first == last) continue;
    std::int64_t soonest = next[row];
    std::uint32_t e = first;
    for (const Threshold& t : oneOff) {
      while (e < last && values[e] < t.least)
        ++e;
      if (e == last) break;
      std::int64_t moment = 0;
      if (!__builtin_add_overflow(values[e], t.offset, &moment))
        soonest = std::min(soonest, moment);
    }
    for (auto [offset, period] : others)
      for (std::uint32_t i = first; i < last; ++i)
        if (column.isValid(i))
          soonest = static_cast<std::int64_t>(
              std::min<Wide>(soonest, firstFrom(values[i], offset, period, from)));
    next[row] = soonest;
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
