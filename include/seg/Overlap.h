// The pairwise overlaps of a run's segments, counted on their membership bitmaps: how many
// contacts two segments share, that as a share of the row segment, and their Jaccard index.
// An OverlapMatrix is a plain value (thread-safe to read).
#pragma once

#include "seg/Error.h"
#include "seg/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg {

struct OverlapMatrix {
  std::vector<std::string> segments;
  std::vector<std::uint64_t> sizes;  // members of each segment
  std::vector<std::uint64_t> shared; // segments² counts, row-major; the diagonal is sizes
  std::uint64_t contacts = 0;        // all contacts of the dataset

  std::uint64_t both(std::size_t row, std::size_t column) const;
  // Of the row segment's members, the percentage also in the column's; 0 for an empty row.
  double percentOfRow(std::size_t row, std::size_t column) const;
  // Shared / in either, 0 to 1; 0 when both are empty.
  double jaccard(std::size_t row, std::size_t column) const;
};

// The segments named, in that order (none: every segment of the result, in its order).
// A name that is not a segment of the result is a NotFound error.
Expected<OverlapMatrix> overlapOf(const Result& result,
                                  const std::vector<std::string>& segments = {});

} // namespace seg
