#include "report/PiiMask.h"

namespace seg::report {
namespace {

// The first UTF-8 code point, so a mask never splits a character.
std::string_view firstCharacter(std::string_view text) {
  if (text.empty()) return {};
  std::size_t length = 1;
  while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
    ++length;
  return text.substr(0, length);
}

} // namespace

std::string maskPii(std::string_view text, runtime::ValueKind kind) {
  if (kind != runtime::ValueKind::String) return "***";
  std::size_t at = text.rfind('@');
  if (at != std::string_view::npos && at > 0 && at + 1 < text.size())
    return std::string(firstCharacter(text)) + "***" + std::string(text.substr(at));
  return std::string(firstCharacter(text)) + "***";
}

} // namespace seg::report
