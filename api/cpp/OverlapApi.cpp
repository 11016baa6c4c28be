// seg::overlapOf: shared members of every pair of segments, counted on the two bitmaps as
// the segment findings count them (46 segments of 1 M contacts: 1,035 pairs of 15,625 words).
#include "report/BitmapCount.h"
#include "seg/Overlap.h"

#include <algorithm>
#include <span>

namespace seg {

std::uint64_t OverlapMatrix::both(std::size_t row, std::size_t column) const {
  return shared[row * segments.size() + column];
}

double OverlapMatrix::percentOfRow(std::size_t row, std::size_t column) const {
  return sizes[row] == 0
             ? 0.0
             : 100.0 * static_cast<double>(both(row, column)) / static_cast<double>(sizes[row]);
}

double OverlapMatrix::jaccard(std::size_t row, std::size_t column) const {
  std::uint64_t inBoth = both(row, column);
  std::uint64_t either = sizes[row] + sizes[column] - inBoth;
  return either == 0 ? 0.0 : static_cast<double>(inBoth) / static_cast<double>(either);
}

Expected<OverlapMatrix> overlapOf(const Result& result, const std::vector<std::string>& segments) {
  OverlapMatrix out;
  out.segments = segments.empty() ? result.segmentNames() : segments;
  std::vector<Members> members;
  for (const std::string& name : out.segments) {
    Expected<Members> m = result.segment(name);
    if (!m || name.find('.') != std::string::npos) // a partition branch is not a segment here
      return Error(ErrorCode::NotFound,
                   m ? "'" + name + "' is a partition branch; overlaps are of segments"
                     : m.error().message());
    members.push_back(*m);
  }
  const std::size_t n = members.size();
  out.contacts = result.contacts();
  out.sizes.resize(n);
  out.shared.assign(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    out.sizes[i] = members[i].count();
    out.shared[i * n + i] = out.sizes[i];
    std::span<const std::uint64_t> a = members[i].bitmap();
    for (std::size_t j = i + 1; j < n; ++j) {
      std::span<const std::uint64_t> b = members[j].bitmap();
      std::uint64_t both = report::sharedMembers(a, b);
      out.shared[i * n + j] = out.shared[j * n + i] = both;
    }
  }
  return out;
}

} // namespace seg
