// The snapshot's meta block (schema, row counts, section directory) in memory, and its
// encoding as SnapshotFormat.h describes it.
#pragma once

#include "SnapshotFormat.h"
#include "store/StoreSchema.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace seg::runtime::snapshot {

struct SnapshotMeta {
  StoreSchema schema;
  std::uint64_t contactRows = 0;
  std::vector<std::uint64_t> eventRows; // parallel to schema.events
  std::vector<SectionEntry> sections;
};

std::string encodeMeta(const SnapshotMeta& meta);
// The meta block, or what is wrong with it. Never reads outside `bytes`, whatever they hold.
std::variant<SnapshotMeta, std::string> decodeMeta(std::span<const std::byte> bytes);

} // namespace seg::runtime::snapshot
