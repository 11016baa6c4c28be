// Decoding of literal spellings (strings, durations, timestamps, numbers) into values,
// with precise error messages for the parser to report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seg {

// Either a value or why the spelling is invalid; `errorOffset` is the code-point offset
// of the problem inside the spelling (for a caret under the exact character).
template <class T> struct Decoded {
  std::optional<T> value;
  std::string error;
  std::string hint;
  std::uint32_t errorOffset = 0;
  std::uint32_t errorLength = 1;
};

// `"a\"b"` with its quotes → `a"b`.
Decoded<std::string> decodeString(std::string_view quoted);
// `30d` → microseconds.
struct DurationValue {
  std::int64_t amount;
  char unit;
  std::int64_t micros;
};
Decoded<DurationValue> decodeDuration(std::string_view spelling);
// `2026-03-31`, `2026-03-31T12:00:00Z`, `2026-03-31T12:00:00.5+02:00` (no '@') → UTC µs.
Decoded<std::int64_t> decodeTimestamp(std::string_view text);
Decoded<std::int64_t> decodeInt(std::string_view spelling);
Decoded<double> decodeFloat(std::string_view spelling);

// Re-escapes a string value for printing inside double quotes.
std::string escapeString(std::string_view value);

} // namespace seg
