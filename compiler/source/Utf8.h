// UTF-8 validation, so malformed or binary input is reported before the lexer sees it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace seg {

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlongs, surrogates and code points above U+10FFFF are malformed too).
std::optional<std::size_t> findInvalidUtf8(std::string_view text);

} // namespace seg
