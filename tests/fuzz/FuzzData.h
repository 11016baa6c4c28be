// The data the differential tests run over: the CRM generator's data with a share of its
// timestamps moved to whole days and hours (so `within` windows meet events exactly at
// their edges) and duplicated events (ties), plus a small hand-built store of edge cases.
#pragma once

#include "store/Store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::fuzz {

// 2026-11-01T00:00:00Z, the generated data's "today".
inline constexpr std::int64_t kDataNow = 1793491200000000;
inline constexpr std::int64_t kDayMicros = 86400000000;

// Evaluation times: the data's today, a midnight two weeks earlier (so later events lie
// after `now`) and a noon (so whole-hour events meet hour windows).
const std::vector<std::int64_t>& evaluationTimes();

// Generated once per size and seed, then shared.
const runtime::Store& generatedStore(std::uint64_t contacts, std::uint64_t seed);
// Contacts without events, with every nullable field null, events exactly at now − D, at
// now and after it, equal timestamps, extreme numbers, empty and non-ASCII strings.
const runtime::Store& edgeStore();
// The contact id of a row (for messages).
std::int64_t contactId(const runtime::Store& store, std::size_t row);

} // namespace seg::fuzz
