// Grouping for keys of small domains (enum and boolean fields and partitions, string fields
// by dictionary code): each contact's group code computed directly from the key columns, by
// fixed chunks of rows on the thread pool, the chunks' counts merged in chunk order.
#pragma once

#include "MetricGroups.h"

#include <functional>
#include <optional>

namespace seg::exec {

// Nothing when a key is of another kind or the keys' combined domain is too large to count
// densely; then groupContacts' general path groups them, with the same groups.
std::optional<MetricGroups> groupDense(const BoundPlan& bound, std::int32_t forSlot,
                                       const std::vector<plan::GroupKey>& keys, ThreadPool* pool);

// Rows per chunk of the chunked metric passes: a multiple of 64 (validity words), fixed so
// that the chunks, and so every merge, are the same whatever the thread count.
inline constexpr std::size_t kMetricChunkRows = 65536;

// Runs task(chunk, begin, end) for every chunk of `rows`, on the pool when there is one.
void forEachChunk(std::size_t rows, ThreadPool* pool,
                  const std::function<void(std::size_t, std::size_t, std::size_t)>& task);

} // namespace seg::exec
