// Howard Hinnant's days_from_civil and civil_from_days, and a fixed-width timestamp printer.
#include "base/CivilTime.h"

namespace seg::base {

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2);
  return {year, month, day};
}

unsigned isoWeekday(std::int64_t days) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<unsigned>(((days + 3) % 7 + 7) % 7) + 1;
}

namespace {

char* twoDigits(char* out, unsigned value) {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
  return out + 2;
}

} // namespace

char* formatTimestamp(char* out, std::int64_t unixSeconds) {
  const std::int64_t days = floorDiv(unixSeconds, kSecondsPerDay);
  const auto secondOfDay = static_cast<unsigned>(unixSeconds - days * kSecondsPerDay);
  const CivilDate date = civilFromDays(days);
  const auto year = static_cast<unsigned>(date.year);
  out = twoDigits(out, year / 100 % 100);
  out = twoDigits(out, year % 100);
  *out++ = '-';
  out = twoDigits(out, date.month);
  *out++ = '-';
  out = twoDigits(out, date.day);
  *out++ = 'T';
  out = twoDigits(out, secondOfDay / 3600);
  *out++ = ':';
  out = twoDigits(out, secondOfDay / 60 % 60);
  *out++ = ':';
  out = twoDigits(out, secondOfDay % 60);
  *out++ = 'Z';
  return out;
}

} // namespace seg::base
