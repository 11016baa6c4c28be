// Strict, allocation-free conversion of one field's text to the store's physical value
// (see store/Column.h), with an error kind whose message fragment the loader prints.
#pragma once

#include "base/TimestampParser.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace seg::runtime {

enum class ValueError : std::uint8_t {
  None,
  EmptyNotNullable,
  InvalidInt,
  IntOutOfRange,
  InvalidFloat,
  FloatOutOfRange,
  InvalidBool,
  InvalidTimestamp,
  TimestampWithoutZone,
  InvalidDate,
  InvalidTimeOfDay,
  InvalidZoneOffset,
  InvalidEnum,
  InvalidUtf8,
};

// The text after "value 'y' " in `file:line: column 'x': value 'y' <fragment>`, e.g.
// "is not a valid int". For InvalidEnum prefer enumErrorFragment(), which lists the values.
std::string_view errorFragment(ValueError error);

template <class T> struct Parsed {
  T value{};
  ValueError error = ValueError::None;

  bool ok() const { return error == ValueError::None; }
};

// Optional sign, then decimal digits; anything else (spaces, '.', exponent) is rejected.
Parsed<std::int64_t> parseInt(std::string_view text);

// Decimal or scientific notation with an optional sign; nan, inf and trailing text rejected.
Parsed<double> parseFloat(std::string_view text);

// true/false, yes/no, 1/0, in any letter case.
Parsed<bool> parseBool(std::string_view text);

// Microseconds since 1970-01-01T00:00:00Z, by base::parseTimestamp (the syntax docs/data.md
// states). A date-time without a zone is an error (TimestampWithoutZone) rather than a guess
// at the zone; any misshapen text is InvalidTimestamp before a field out of range is named.
inline Parsed<std::int64_t> parseTimestamp(std::string_view s);

// The index of `text` in `values`, compared byte for byte.
Parsed<std::uint32_t> parseEnum(std::string_view text, std::span<const std::string> values);

// Error path only (allocates): "is not a valid enum value (expected one of: a, b, c; did
// you mean 'b'?)", the closest value by edit distance ignoring letter case.
std::string enumErrorFragment(std::string_view text, std::span<const std::string> values);

// Whole-buffer UTF-8 validation (SIMD); String columns must hold valid UTF-8.
bool isValidUtf8(std::string_view text);

// Inline: the loader calls the base parser directly, one call per field as before.
inline Parsed<std::int64_t> parseTimestamp(std::string_view s) {
  using E = base::TimestampError;
  const base::TimestampParse parsed = base::parseTimestamp(s);
  if (parsed.ok()) return {parsed.micros, ValueError::None};
  if (parsed.malformed) return {0, ValueError::InvalidTimestamp};
  switch (parsed.error) {
  case E::NoSuchMonth:
  case E::NoSuchDay:
    return {0, ValueError::InvalidDate};
  case E::TimeOfDayOutOfRange:
    return {0, ValueError::InvalidTimeOfDay};
  case E::OffsetOutOfRange:
    return {0, ValueError::InvalidZoneOffset};
  case E::MissingZone:
    return {0, ValueError::TimestampWithoutZone};
  default:
    return {0, ValueError::InvalidTimestamp};
  }
}

} // namespace seg::runtime
