// `seg gen`: writes a realistic, deterministic data set for the example CRM schema
// (examples/crm/crm.schema.seg) as contacts.csv and events.csv. Same options, same bytes.
#pragma once

#include "CrmRecords.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace seg::runtime {

// 2026-11-01T00:00:00Z, the "today" of the bundled examples.
inline constexpr std::int64_t kDefaultGenNowMicros = 1793491200000000;

struct GenOptions {
  std::uint64_t contacts = 0;
  std::uint64_t seed = 0;
  std::string outDir;
  std::int64_t nowMicros = kDefaultGenNowMicros; // every timestamp written is before it
};

struct GenSummary {
  std::uint64_t contacts = 0;
  std::array<std::uint64_t, kEventTypeCount> eventsByType{}; // indexed by EventType
  std::uint64_t contactBytes = 0;
  std::uint64_t eventBytes = 0;
  std::string contactsPath;
  std::string eventsPath;

  std::uint64_t events() const;
};

// Streams contact by contact, so memory stays bounded for any size. Returns the error
// (invalid options, cannot create the directory, cannot write) or nothing on success;
// the files are written under temporary names and renamed only when complete.
std::optional<std::string> generateCrm(const GenOptions& options, GenSummary& summary);

} // namespace seg::runtime
