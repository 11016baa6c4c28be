// Writes rejected rows, unchanged, to reject files a user can fix and load again: for an
// input `events.csv`, `DIR/events.csv` (its header, then the rejected rows) and
// `DIR/events.csv.errors` (the original line number and the reason of each).
#pragma once

#include "LoadReport.h"

#include <optional>
#include <string>

namespace seg::runtime {

// Returns an error message, or nothing when every file was written.
std::optional<std::string> writeRejects(const LoadReport& report, const std::string& dir);

} // namespace seg::runtime
