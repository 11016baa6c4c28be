// The contacts' key values → rows, for resolving each event's contact_id.
#pragma once

#include "KeyIndex.h"

#include <optional>
#include <string_view>

namespace seg::runtime {

class ContactKeys {
public:
  explicit ContactKeys(bool stringKeys, std::size_t expected = 0)
      : stringKeys_(stringKeys), ints_(stringKeys ? 0 : expected) {}

  bool stringKeys() const { return stringKeys_; }
  bool insertInt(std::int64_t key, std::uint32_t row) { return ints_.insert(key, row); }
  bool insertString(std::string_view key, std::uint32_t row) { return strings_.insert(key, row); }
  // Parses `text` as the key type; nullopt when it is no key of any contact.
  std::optional<std::uint32_t> find(std::string_view text) const;

private:
  bool stringKeys_;
  IntKeyIndex ints_;
  StringKeyIndex strings_;
};

} // namespace seg::runtime
