// Merges appended events into an event table: per contact, by `at`, the table's events
// before appended ones at equal times (what a full load of the same rows in arrival order
// gives), with CSR offsets for `contacts` rows (contacts created since have none before).
// Costs one copy of the table in long runs (memcpy), whatever the number of new events.
#pragma once

#include "store/Store.h"

#include <vector>

namespace seg::runtime::live {

struct PendingEvents {
  std::vector<std::uint32_t> contactRows; // per appended event, in arrival order
  std::vector<Column> columns;            // parallel to EventSpec::properties
  // String columns: dictionaries that extend the table's (its codes mean the same).
  std::vector<Dictionary> dictionaries;
  // Rows before this one are in the table already (an earlier merge): only the rest merge.
  std::size_t firstRow = 0;
};

EventTable mergeEvents(const EventSpec& spec, const EventTable& table,
                       const PendingEvents& appended, std::size_t contacts);

} // namespace seg::runtime::live
