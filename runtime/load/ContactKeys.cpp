#include "ContactKeys.h"

#include "ValueParser.h"

namespace seg::runtime {

std::optional<std::uint32_t> ContactKeys::find(std::string_view text) const {
  if (stringKeys_) return strings_.find(text);
  Parsed<std::int64_t> key = parseInt(text);
  if (!key.ok()) return std::nullopt;
  return ints_.find(key.value);
}

} // namespace seg::runtime
