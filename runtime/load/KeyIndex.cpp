#include "KeyIndex.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace seg::runtime {
namespace {
constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
}

IntKeyIndex::IntKeyIndex(std::size_t expected) {
  std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, expected * 2));
  keys_.assign(capacity, 0);
  rows_.assign(capacity, kEmpty);
  mask_ = capacity - 1;
}

std::uint64_t IntKeyIndex::mix(std::int64_t key) {
  // splitmix64's finalizer: sequential ids spread over the whole table.
  auto x = static_cast<std::uint64_t>(key);
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

void IntKeyIndex::grow() {
  std::vector<std::int64_t> keys = std::move(keys_);
  std::vector<std::uint32_t> rows = std::move(rows_);
  keys_.assign(keys.size() * 2, 0);
  rows_.assign(rows.size() * 2, kEmpty);
  mask_ = keys_.size() - 1;
  size_ = 0;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (rows[i] != kEmpty) insert(keys[i], rows[i]);
}

bool IntKeyIndex::insert(std::int64_t key, std::uint32_t row) {
  if ((size_ + 1) * 2 > keys_.size()) grow();
  for (std::size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
    if (rows_[slot] == kEmpty) {
      keys_[slot] = key;
      rows_[slot] = row;
      ++size_;
      return true;
    }
    if (keys_[slot] == key) return false;
  }
}

std::optional<std::uint32_t> IntKeyIndex::find(std::int64_t key) const {
  for (std::size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
    if (rows_[slot] == kEmpty) return std::nullopt;
    if (keys_[slot] == key) return rows_[slot];
  }
}

bool StringKeyIndex::insert(std::string_view key, std::uint32_t row) {
  return rows_.emplace(std::string(key), row).second;
}

std::optional<std::uint32_t> StringKeyIndex::find(std::string_view key) const {
  auto it = rows_.find(key);
  if (it == rows_.end()) return std::nullopt;
  return it->second;
}

} // namespace seg::runtime
