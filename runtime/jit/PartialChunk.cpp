// Padded, rebased copies for the last partial chunk. Padding rows are zeros (codes 0,
// no events), which every generated operation handles; their results are discarded.
#include "PartialChunk.h"

#include <cstring>
#include <map>
#include <memory>

namespace seg::jit {
namespace {

bool bit(const std::uint64_t* words, std::size_t i) {
  return (words[i >> 6] >> (i & 63)) & 1u;
}

} // namespace

void runPartialChunk(StageFunction stage, const ArgLayout& layout, const std::uint64_t* words,
                     const exec::BoundPlan& bound, const std::vector<std::int32_t>& outputs,
                     std::size_t base, std::size_t rows, unsigned chunkRows, CallScratch& scratch) {
  std::vector<std::uint64_t> local(words, words + layout.size());
  std::vector<std::unique_ptr<std::uint64_t[]>> buffers; // 8-byte aligned, zeroed
  auto buffer = [&](std::size_t bytes) {
    buffers.push_back(std::make_unique<std::uint64_t[]>((bytes + 7) / 8 + 1));
    return buffers.back().get();
  };
  auto rowsOf = [&](std::uint64_t column, std::size_t width) {
    std::uint64_t* copy = buffer(chunkRows * width);
    std::memcpy(copy, reinterpret_cast<const std::byte*>(column) + base * width, rows * width);
    return reinterpret_cast<std::uintptr_t>(copy);
  };
  auto bitsOf = [&](std::uint64_t bitmap) {
    std::uint64_t* copy = buffer(chunkRows / 8);
    const auto* from = reinterpret_cast<const std::uint64_t*>(bitmap);
    for (std::size_t i = 0; i < rows; ++i)
      if (bit(from, base + i)) copy[i >> 6] |= std::uint64_t{1} << (i & 63);
    return reinterpret_cast<std::uintptr_t>(copy);
  };
  std::map<std::pair<ArgKind, std::int32_t>, std::size_t> index;
  const plan::Plan& plan = *bound.plan;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const ArgEntry& e = layout[i];
    index[{e.kind, e.a}] = i;
    switch (e.kind) {
    case ArgKind::ContactValues:
      local[i] =
          rowsOf(words[i], runtime::physicalWidth(bound.store->contacts.columns[e.a].kind()));
      break;
    case ArgKind::SlotValues:
      local[i] = rowsOf(words[i], exec::widthOf(plan.slots[e.a].type));
      break;
    case ArgKind::RankValues:
      local[i] = rowsOf(words[i], sizeof(std::int64_t));
      break;
    case ArgKind::ContactValidity:
    case ArgKind::SlotValidity:
    case ArgKind::RankValidity:
      local[i] = bitsOf(words[i]);
      break;
    case ArgKind::EventOffsets: {
      // Padding contacts have no events: their ranges are empty.
      const auto* from = reinterpret_cast<const std::uint32_t*>(words[i]) + base;
      auto* copy = reinterpret_cast<std::uint32_t*>(buffer((chunkRows + 1) * 4));
      for (std::size_t r = 0; r <= chunkRows; ++r)
        copy[r] = from[std::min(r, rows)];
      local[i] = reinterpret_cast<std::uintptr_t>(copy);
      break;
    }
    default:
      break;
    }
  }
  stage(local.data(), 0, chunkRows, &scratch);
  for (std::int32_t slot : outputs) {
    const std::size_t values = index.at({ArgKind::SlotValues, slot});
    const std::size_t validity = index.at({ArgKind::SlotValidity, slot});
    const std::size_t width = exec::widthOf(plan.slots[slot].type);
    std::memcpy(reinterpret_cast<std::byte*>(words[values]) + base * width,
                reinterpret_cast<const std::byte*>(local[values]), rows * width);
    auto* to = reinterpret_cast<std::uint64_t*>(words[validity]);
    const auto* from = reinterpret_cast<const std::uint64_t*>(local[validity]);
    for (std::size_t i = 0; i < rows; ++i) {
      std::uint64_t mask = std::uint64_t{1} << ((base + i) & 63);
      to[(base + i) >> 6] =
          bit(from, i) ? (to[(base + i) >> 6] | mask) : (to[(base + i) >> 6] & ~mask);
    }
  }
}

} // namespace seg::jit
