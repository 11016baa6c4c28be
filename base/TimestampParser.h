// The one reader of timestamp text, for `.seg` literals (after the `@`) and data files alike:
// an ISO-8601 date or date-time with its zone → UTC microseconds, allocation-free.
#pragma once

#include <cstdint>
#include <string_view>

namespace seg::base {

// What is wrong with a timestamp's text. Each caller words it its own way (the parser's
// diagnostics, the loader's reject fragments); `at` is the byte offset the comment names.
enum class TimestampError : std::uint8_t {
  None,
  Empty,
  // Misshapen text, at the character that breaks the shape:
  ExpectedYear,          // four digits at 0
  ExpectedYearDash,      // at 4
  ExpectedMonth,         // at 5
  ExpectedMonthDash,     // at 7
  ExpectedDay,           // at 8
  ExpectedTimeSeparator, // 'T' or ' ' at 10
  ExpectedHour,          // at 11
  ExpectedHourColon,     // at 13
  ExpectedMinutes,       // at 14
  ExpectedSeconds,       // at 17
  ExpectedFraction,      // a digit after '.'
  TooManyFractionDigits, // at the tenth digit
  ExpectedZone,          // 'Z', '+' or '-' after the time
  MalformedOffset,       // at the offset's sign
  TrailingText,          // after a complete timestamp
  // Well-shaped, but no such instant:
  NoSuchMonth,         // at 5
  NoSuchDay,           // at 8
  TimeOfDayOutOfRange, // at 11
  OffsetOutOfRange,    // at the offset's sign
  MissingZone,         // a time of day without a zone, at the end
};

struct TimestampParse {
  std::int64_t micros = 0;
  // The first problem in reading order: a field out of range comes before misshapen text
  // after it, the order the parser's diagnostics read in.
  TimestampError error = TimestampError::None;
  // Whether the text is misshapen anywhere, even after `error`: the loader calls any
  // misshapen text invalid before it names a field out of range.
  bool malformed = false;
  std::uint32_t at = 0;

  bool ok() const { return error == TimestampError::None; }
};

// YYYY-MM-DD (midnight UTC), or a date, 'T' or ' ', hh:mm[:ss[.f]] (1 to 9 fraction digits,
// those beyond microseconds truncated) and a zone: Z, ±hh:mm, ±hhmm or ±hh. The spellings
// docs/language.md (literals) and docs/data.md (data files) promise, one syntax for both.
TimestampParse parseTimestamp(std::string_view text);

} // namespace seg::base
