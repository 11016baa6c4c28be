// Compares two stores value by value (nulls, strings through their dictionaries, event
// offsets), so `seg import --verify` can prove a snapshot holds exactly what was loaded.
#pragma once

#include "Store.h"

#include <optional>
#include <string>

namespace seg::runtime {

// The first difference, described ("contact column 'age', row 17: 34 vs null"), or nothing.
std::optional<std::string> firstDifference(const Store& a, const Store& b);

} // namespace seg::runtime
