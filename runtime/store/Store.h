// All data a run evaluates: contacts as columns, and per event type the events sorted by
// (contact, at) with CSR offsets, so one contact's events are a contiguous range and a
// time window is a binary search inside it.
#pragma once

#include "Column.h"
#include "Dictionary.h"
#include "StoreSchema.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace seg::runtime {

// Contacts are evaluated in batches of this many rows: 4096 rows of an 8-byte column are
// 32 KiB, so the handful of columns a kernel touches stays in L2 (see bench/README.md).
inline constexpr std::size_t kBatchRows = 4096;

struct ContactTable {
  std::size_t rows = 0;
  std::vector<Column> columns;          // parallel to StoreSchema::contactFields
  std::vector<Dictionary> dictionaries; // per column; empty unless ValueKind::String
};

struct EventTable {
  std::size_t rows = 0;
  // offsets[c] .. offsets[c+1] are contact c's events, sorted by `at`.
  std::span<const std::uint32_t> offsets;
  std::vector<Column> columns;          // parallel to EventSpec::properties; [0] is `at`
  std::vector<Dictionary> dictionaries; // per column; empty unless ValueKind::String
  std::shared_ptr<const void> offsetsOwner;

  std::span<const std::int64_t> at() const { return columns[0].values<std::int64_t>(); }
};

struct Store {
  StoreSchema schema;
  ContactTable contacts;
  std::vector<EventTable> events; // parallel to StoreSchema::events

  std::size_t batchCount() const { return (contacts.rows + kBatchRows - 1) / kBatchRows; }
  std::size_t eventCount() const;
  // Bytes of column data, dictionaries and offsets (not allocator overhead).
  std::size_t contactBytes() const;
  std::size_t eventBytes() const;
};

} // namespace seg::runtime
