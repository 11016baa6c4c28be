#include "syntax/Literals.h"

#include "base/CivilTime.h"
#include "base/TimestampParser.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace seg {
namespace {

using base::kMicrosPerSecond;

template <class T>
// NOLINTNEXTLINE(performance-unnecessary-value-param): sinks, moved into the result
Decoded<T> fail(std::string message, std::uint32_t offset = 0, std::uint32_t length = 1,
                std::string hint = {}) {
  Decoded<T> d;
  d.error = std::move(message);
  d.errorOffset = offset;
  d.errorLength = length;
  d.hint = std::move(hint);
  return d;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::uint32_t codePointOffset(std::string_view text, std::size_t byteOffset) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  return n;
}

} // namespace

Decoded<std::string> decodeString(std::string_view quoted) {
  std::string out;
  std::string_view body = quoted.substr(1, quoted.size() >= 2 ? quoted.size() - 2 : 0);
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    std::uint32_t at = codePointOffset(body, i) + 1; // +1 for the opening quote
    if (i + 1 >= body.size()) return fail<std::string>("unfinished escape sequence", at);
    char e = body[++i];
    switch (e) {
    case '"':
      out.push_back('"');
      break;
    case '\\':
      out.push_back('\\');
      break;
    case 'n':
      out.push_back('\n');
      break;
    case 't':
      out.push_back('\t');
      break;
    case 'r':
      out.push_back('\r');
      break;
    case 'u': {
      if (i + 1 >= body.size() || body[i + 1] != '{')
        return fail<std::string>("invalid unicode escape", at, 2, "write it as \\u{1F600}");
      std::size_t close = body.find('}', i + 2);
      if (close == std::string_view::npos || close == i + 2 || close - (i + 2) > 6)
        return fail<std::string>("invalid unicode escape", at, 2, "write it as \\u{1F600}");
      std::uint32_t cp = 0;
      auto [ptr, ec] = std::from_chars(body.data() + i + 2, body.data() + close, cp, 16);
      if (ec != std::errc() || ptr != body.data() + close || cp > 0x10FFFF ||
          (cp >= 0xD800 && cp <= 0xDFFF))
        return fail<std::string>("invalid unicode escape", at,
                                 static_cast<std::uint32_t>(close - i + 2),
                                 "use a code point between 0 and 10FFFF, not a surrogate");
      appendUtf8(out, cp);
      i = close;
      break;
    }
    default:
      return fail<std::string>(fmt::format("unknown escape sequence '\\{}'", e), at, 2,
                               "valid escapes are \\\" \\\\ \\n \\t \\r \\u{…}");
    }
  }
  Decoded<std::string> d;
  d.value = std::move(out);
  return d;
}

Decoded<DurationValue> decodeDuration(std::string_view spelling) {
  std::size_t digits = 0;
  while (digits < spelling.size() && spelling[digits] >= '0' && spelling[digits] <= '9')
    ++digits;
  std::string_view unit = spelling.substr(digits);
  auto unitLength = static_cast<std::uint32_t>(unit.size());
  auto unitOffset = static_cast<std::uint32_t>(digits);
  std::int64_t scale = 0;
  if (unit == "s")
    scale = kMicrosPerSecond;
  else if (unit == "m")
    scale = 60 * kMicrosPerSecond;
  else if (unit == "h")
    scale = 3600 * kMicrosPerSecond;
  else if (unit == "d")
    scale = 86400 * kMicrosPerSecond;
  else if (unit == "w")
    scale = 7 * 86400 * kMicrosPerSecond;
  if (scale == 0) {
    std::string hint = "durations are written 90s, 30m, 12h, 7d or 2w";
    if (unit == "y" || unit == "mo" || unit == "months" || unit == "years")
      hint += "; months and years vary in length, use days (30d, 365d)";
    return fail<DurationValue>(fmt::format("unknown duration unit '{}'", unit), unitOffset,
                               unitLength, hint);
  }
  std::int64_t amount = 0;
  auto [ptr, ec] = std::from_chars(spelling.data(), spelling.data() + digits, amount);
  if (ec != std::errc() || amount > std::numeric_limits<std::int64_t>::max() / scale)
    return fail<DurationValue>("duration is too large", 0,
                               static_cast<std::uint32_t>(spelling.size()));
  Decoded<DurationValue> d;
  d.value = DurationValue{amount, unit[0], amount * scale};
  return d;
}

namespace {

// The number spelled by `count` digits at text[at], which the timestamp parser has checked.
int fieldAt(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

} // namespace

Decoded<std::int64_t> decodeTimestamp(std::string_view text) {
  using E = base::TimestampError;
  const base::TimestampParse parsed = base::parseTimestamp(text);
  if (parsed.ok()) {
    Decoded<std::int64_t> d;
    d.value = parsed.micros;
    return d;
  }
  const std::string hint = "write @2026-03-31 or @2026-03-31T12:00:00Z";
  // +1: the offsets count from the '@' the token starts with.
  auto bad = [&](std::string message, std::string otherHint = {}) {
    return fail<std::int64_t>(std::move(message), parsed.at + 1, 1,
                              otherHint.empty() ? hint : std::move(otherHint));
  };
  const std::string offsetHint = "write offsets as +02:00 or -05:30";
  switch (parsed.error) {
  case E::None: // parsed.ok() above
    break;
  case E::Empty:
    return fail<std::int64_t>("empty timestamp literal", 0, 1, hint);
  case E::ExpectedYear:
    return bad("expected a 4-digit year");
  case E::ExpectedYearDash:
    return bad("expected '-' after the year");
  case E::ExpectedMonth:
    return bad("expected a 2-digit month");
  case E::ExpectedMonthDash:
    return bad("expected '-' after the month");
  case E::ExpectedDay:
    return bad("expected a 2-digit day");
  case E::NoSuchMonth:
    return bad(fmt::format("month {} does not exist", fieldAt(text, 5, 2)));
  case E::NoSuchDay:
    return bad(fmt::format("day {} does not exist in {:04}-{:02}", fieldAt(text, 8, 2),
                           fieldAt(text, 0, 4), fieldAt(text, 5, 2)));
  case E::ExpectedTimeSeparator:
    return bad("expected 'T' between the date and the time");
  case E::ExpectedHour:
    return bad("expected a 2-digit hour");
  case E::ExpectedHourColon:
    return bad("expected ':' after the hour");
  case E::ExpectedMinutes:
    return bad("expected 2-digit minutes");
  case E::ExpectedSeconds:
    return bad("expected 2-digit seconds");
  case E::ExpectedFraction:
    return bad("expected digits after '.'");
  case E::TooManyFractionDigits:
    return bad("too many digits after '.'",
               "timestamps keep microseconds: write at most 9 digits after '.'");
  case E::TimeOfDayOutOfRange:
    return bad("time of day out of range");
  case E::MissingZone:
    return bad("timestamp needs a time zone", "add 'Z' for UTC or an offset like +02:00");
  case E::MalformedOffset:
  case E::OffsetOutOfRange:
    return bad("invalid time zone offset", offsetHint);
  case E::ExpectedZone:
    return bad("expected 'Z' or an offset like +02:00");
  case E::TrailingText:
    return bad("unexpected text after the timestamp");
  }
  return bad("unexpected text after the timestamp");
}

Decoded<std::int64_t> decodeInt(std::string_view spelling) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(spelling.data(), spelling.data() + spelling.size(), value);
  if (ec != std::errc() || ptr != spelling.data() + spelling.size())
    return fail<std::int64_t>("integer literal is out of range", 0,
                              static_cast<std::uint32_t>(spelling.size()),
                              "integers are 64-bit: at most 9223372036854775807");
  Decoded<std::int64_t> d;
  d.value = value;
  return d;
}

Decoded<double> decodeFloat(std::string_view spelling) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(spelling.data(), spelling.data() + spelling.size(), value);
  if (ec != std::errc() || ptr != spelling.data() + spelling.size() || !std::isfinite(value))
    return fail<double>("number is out of range", 0, static_cast<std::uint32_t>(spelling.size()));
  Decoded<double> d;
  d.value = value;
  return d;
}

std::string escapeString(std::string_view value) {
  std::string out;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (c < 0x20 || c == 0x7F)
        out += fmt::format("\\u{{{:X}}}", c);
      else
        out.push_back(ch);
    }
  }
  return out;
}

} // namespace seg
