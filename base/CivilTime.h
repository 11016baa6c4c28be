// UTC calendar arithmetic shared by the parser, the loaders, both engines and the data
// generator: the time units, days ↔ dates (proleptic Gregorian), and timestamps rendered as
// ISO-8601 (`2026-10-30T10:00:00Z`), without any locale or time-zone machinery.
#pragma once

#include <cstddef>
#include <cstdint>

namespace seg::base {

inline constexpr std::int64_t kSecondsPerDay = 86400;
inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;
inline constexpr std::int64_t kMicrosPerHour = 3600 * kMicrosPerSecond;
inline constexpr std::int64_t kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;
inline constexpr std::size_t kTimestampChars = 20; // "YYYY-MM-DDTHH:MM:SSZ"

struct CivilDate {
  std::int64_t year;
  unsigned month; // 1..12
  unsigned day;   // 1..31
};

// floor(a / b), for b != 0.
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
// Proleptic Gregorian date of a day count since 1970-01-01.
CivilDate civilFromDays(std::int64_t days);
// 1 = Monday .. 7 = Sunday.
unsigned isoWeekday(std::int64_t days);
// Writes exactly kTimestampChars characters for years 0000..9999; returns the end.
char* formatTimestamp(char* out, std::int64_t unixSeconds);

} // namespace seg::base
