// Puts events in (contact, at) order and builds the CSR offsets, whatever order the file
// had. Stable: events with equal `at` keep their file order, so loads are deterministic.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace seg::runtime {

struct EventOrder {
  std::vector<std::uint32_t> order;   // order[i] = input index of the i-th sorted event
  std::vector<std::uint32_t> offsets; // contacts + 1 entries
};

EventOrder orderEvents(std::span<const std::uint32_t> contactRows, std::span<const std::int64_t> at,
                       std::size_t contacts);

} // namespace seg::runtime
