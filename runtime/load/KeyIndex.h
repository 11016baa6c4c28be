// Finds a contact's row from its key value while events are loaded: an open-addressing
// hash table for int keys (tens of millions of lookups must be fast), and the key
// column's dictionary codes for string keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace seg::runtime {

class IntKeyIndex {
public:
  explicit IntKeyIndex(std::size_t expected = 0);
  // False when the key is already present (a duplicate contact).
  bool insert(std::int64_t key, std::uint32_t row);
  std::optional<std::uint32_t> find(std::int64_t key) const;
  std::size_t size() const { return size_; }

private:
  void grow();
  static std::uint64_t mix(std::int64_t key);

  std::vector<std::int64_t> keys_;
  std::vector<std::uint32_t> rows_; // kEmpty marks a free slot
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

class StringKeyIndex {
public:
  bool insert(std::string_view key, std::uint32_t row);
  std::optional<std::uint32_t> find(std::string_view key) const;
  std::size_t size() const { return rows_.size(); }

private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> rows_;
};

} // namespace seg::runtime
