// One value as the reference interpreter sees it: null, or a number, code or text of a
// plan ValueType. Strings are carried as text so that every comparison is by text.
#pragma once

#include <cstdint>
#include <string_view>

namespace seg::exec {

struct Value {
  bool valid = false; // false: null
  std::int64_t i = 0; // Bool (0/1), Int, Timestamp, Duration, Enum (value index)
  double f = 0;       // Float
  std::string_view s; // String: the text (dictionary bytes or the evaluator's arena)
  // String texts read from a store column also carry their dictionary code in `i`, so a
  // StringLut over a string-valued aggregate finds its table entry without a lookup.

  static Value null() { return {}; }
  static Value integer(std::int64_t v) { return {true, v, 0, {}}; }
  static Value boolean(bool v) { return {true, v ? 1 : 0, 0, {}}; }
  static Value real(double v) { return {true, 0, v, {}}; }
  static Value text(std::string_view v) { return {true, 0, 0, v}; }
  static Value code(std::uint32_t c, std::string_view v) { return {true, c, 0, v}; }

  bool isTrue() const { return valid && i != 0; } // for Bool values
};

} // namespace seg::exec
