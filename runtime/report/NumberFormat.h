// Numbers, percentages, durations and timestamps as `seg run` shows them to people:
// thousands separators, one decimal for percentages, ISO-8601 UTC timestamps.
#pragma once

#include <cstdint>
#include <string>

namespace seg::report {

// "-1,234,567".
std::string groupedInteger(std::int64_t value);
// Integral values as integers; otherwise 2 decimals (3 significant digits below 1), with
// thousands separators: "1,234.57", "0.0123". Non-finite values as "nan", "inf".
std::string humanNumber(double value, bool integral = false);
// "12.3 %"; values that would round to 0.0 or 100.0 without being so: "<0.1 %", ">99.9 %".
std::string percentText(double percent);
// "0.4 ms", "12.3 ms", "1.23 s".
std::string durationText(double milliseconds);
// "2026-11-01T00:00:00Z", with ".123456" when the microseconds are not zero.
std::string isoTimestamp(std::int64_t micros);

} // namespace seg::report
