// Distinct strings of one column, each with a dense code, so `city == "Paris"` becomes one
// integer comparison once the constant's code is known. Stored as offsets + bytes so a
// snapshot can map it without copying.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace seg::runtime {

class Dictionary {
public:
  Dictionary() = default;
  // `offsets` has size()+1 entries into `bytes`; `owner` keeps both alive.
  Dictionary(std::span<const std::uint64_t> offsets, const char* bytes,
             std::shared_ptr<const void> owner);

  std::size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  std::string_view at(std::uint32_t code) const {
    return {bytes_ + offsets_[code], static_cast<std::size_t>(offsets_[code + 1] - offsets_[code])};
  }
  // The code of `value`, if the column holds it (a linear scan: used when binding constants).
  std::optional<std::uint32_t> find(std::string_view value) const;
  std::span<const std::uint64_t> offsets() const { return offsets_; }
  const char* bytes() const { return bytes_; }
  std::size_t byteSize() const;

private:
  std::span<const std::uint64_t> offsets_;
  const char* bytes_ = nullptr;
  std::shared_ptr<const void> owner_;
};

class DictionaryBuilder {
public:
  DictionaryBuilder();
  // The code of `value`, adding it if new. Codes are dense, in first-seen order.
  std::uint32_t intern(std::string_view value);
  std::size_t size() const { return offsets_.size() - 1; }
  std::string_view at(std::uint32_t code) const {
    return std::string_view(bytes_).substr(offsets_[code], offsets_[code + 1] - offsets_[code]);
  }
  Dictionary finish();

private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::uint64_t> offsets_;
  std::string bytes_;
  // Keys view `bytes_`-independent copies: std::string keys survive its reallocation.
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
};

} // namespace seg::runtime
