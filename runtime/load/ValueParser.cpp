// Strict text → value parsers for loaded fields. Hot paths touch no heap and no locale:
// they run once per field of a gigabyte-sized import.
#include "ValueParser.h"

#include "base/Suggest.h"

#include <algorithm>
#include <cmath>
#include <fast_float/fast_float.h>
#include <simdjson.h>
#include <system_error>
#include <vector>

namespace seg::runtime {

std::string_view errorFragment(ValueError error) {
  switch (error) {
  case ValueError::None:
    return "";
  case ValueError::EmptyNotNullable:
    return "is empty, but the column is not nullable";
  case ValueError::InvalidInt:
    return "is not a valid int";
  case ValueError::IntOutOfRange:
    return "is out of range for an int (-9223372036854775808 to 9223372036854775807)";
  case ValueError::InvalidFloat:
    return "is not a valid float";
  case ValueError::FloatOutOfRange:
    return "is out of range for a float";
  case ValueError::InvalidBool:
    return "is not a valid bool (expected true/false, yes/no or 1/0)";
  case ValueError::InvalidTimestamp:
    return "is not a valid timestamp (expected ISO-8601 like 2026-10-30T10:00:00Z)";
  case ValueError::TimestampWithoutZone:
    return "is not a valid timestamp: it has no time zone (add Z for UTC, like "
           "2026-10-30T10:00:00Z, or an offset like +02:00)";
  case ValueError::InvalidDate:
    return "is not a valid timestamp (no such calendar date)";
  case ValueError::InvalidTimeOfDay:
    return "is not a valid timestamp (time of day out of range: hours 00-23, minutes and "
           "seconds 00-59)";
  case ValueError::InvalidZoneOffset:
    return "is not a valid timestamp (zone offset out of range: at most ±23:59)";
  case ValueError::InvalidEnum:
    return "is not a valid enum value";
  case ValueError::InvalidUtf8:
    return "is not valid UTF-8";
  }
  return "is not valid";
}

Parsed<std::int64_t> parseInt(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    ++p;
  }
  if (p == end) return {0, ValueError::InvalidInt};
  // Leading zeros would otherwise count against the 19 digits that fit without overflow.
  while (end - p > 1 && *p == '0')
    ++p;
  bool tooLong = end - p > 19;
  std::uint64_t magnitude = 0;
  for (; p != end; ++p) {
    unsigned digit = static_cast<unsigned char>(*p) - unsigned{'0'};
    if (digit > 9) return {0, ValueError::InvalidInt};
    magnitude = magnitude * 10 + digit; // wraps harmlessly when tooLong: checked below
  }
  constexpr std::uint64_t maxPositive = 9223372036854775807ull;
  if (tooLong || magnitude > maxPositive + (negative ? 1 : 0))
    return {0, ValueError::IntOutOfRange};
  // Negating in unsigned arithmetic keeps INT64_MIN representable.
  return {static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude), ValueError::None};
}

Parsed<double> parseFloat(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  // fast_float follows from_chars, which refuses a leading '+'; CSV exports often write one.
  if (p != end && *p == '+') {
    ++p;
    if (p == end || *p == '-' || *p == '+') return {0, ValueError::InvalidFloat};
  }
  double value = 0;
  fast_float::from_chars_result result = fast_float::from_chars(p, end, value);
  if (result.ptr != end || p == end) return {0, ValueError::InvalidFloat};
  if (result.ec == std::errc::result_out_of_range) return {0, ValueError::FloatOutOfRange};
  if (result.ec != std::errc()) return {0, ValueError::InvalidFloat};
  if (!std::isfinite(value)) {
    // "nan", "inf" and "infinity" all contain an n; a finite spelling that overflowed doesn't.
    bool spelledOut = std::any_of(p, end, [](char c) { return c == 'n' || c == 'N'; });
    return {0, spelledOut ? ValueError::InvalidFloat : ValueError::FloatOutOfRange};
  }
  return {value, ValueError::None};
}

namespace {

// Folds ASCII letters to lower case; other bytes map to values no lower-case letter has
// unless they already were that letter, so equality with a lower-case letter is exact.
inline char lower(char c) {
  return static_cast<char>(c | 0x20);
}

inline bool equalsLower(std::string_view text, std::string_view lowerWord) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (lower(text[i]) != lowerWord[i]) return false;
  return true;
}

} // namespace

Parsed<bool> parseBool(std::string_view text) {
  switch (text.size()) {
  case 1:
    if (text[0] == '1') return {true, ValueError::None};
    if (text[0] == '0') return {false, ValueError::None};
    break;
  case 2:
    if (equalsLower(text, "no")) return {false, ValueError::None};
    break;
  case 3:
    if (equalsLower(text, "yes")) return {true, ValueError::None};
    break;
  case 4:
    if (equalsLower(text, "true")) return {true, ValueError::None};
    break;
  case 5:
    if (equalsLower(text, "false")) return {false, ValueError::None};
    break;
  default:
    break;
  }
  return {false, ValueError::InvalidBool};
}

Parsed<std::uint32_t> parseEnum(std::string_view text, std::span<const std::string> values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == text) return {static_cast<std::uint32_t>(i), ValueError::None};
  return {0, ValueError::InvalidEnum};
}

std::string enumErrorFragment(std::string_view text, std::span<const std::string> values) {
  std::string out(errorFragment(ValueError::InvalidEnum));
  if (values.empty()) return out + " (the enum has no values)";
  // Long enums (countries, say) would drown the message; the closest value still shows.
  constexpr std::size_t kListed = 20;
  out += " (expected one of: ";
  for (std::size_t i = 0; i < values.size() && i < kListed; ++i) {
    if (i > 0) out += ", ";
    out += values[i];
  }
  if (values.size() > kListed) out += ", … " + std::to_string(values.size() - kListed) + " more";
  std::size_t best = 0;
  std::size_t bestDistance = base::editDistance(text, values[0]);
  for (std::size_t i = 1; i < values.size(); ++i) {
    const std::size_t d = base::editDistance(text, values[i]);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  out += "; did you mean '" + values[best] + "'?)";
  return out;
}

bool isValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

} // namespace seg::runtime
