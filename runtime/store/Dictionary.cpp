#include "Dictionary.h"

namespace seg::runtime {

Dictionary::Dictionary(std::span<const std::uint64_t> offsets, const char* bytes,
                       std::shared_ptr<const void> owner)
    : offsets_(offsets), bytes_(bytes), owner_(std::move(owner)) {}

std::optional<std::uint32_t> Dictionary::find(std::string_view value) const {
  for (std::uint32_t code = 0; code < size(); ++code)
    if (at(code) == value) return code;
  return std::nullopt;
}

std::size_t Dictionary::byteSize() const {
  return offsets_.size() * sizeof(std::uint64_t) + (offsets_.empty() ? 0 : offsets_.back());
}

DictionaryBuilder::DictionaryBuilder() {
  offsets_.push_back(0);
}

std::uint32_t DictionaryBuilder::intern(std::string_view value) {
  if (auto it = codes_.find(value); it != codes_.end()) return it->second;
  auto code = static_cast<std::uint32_t>(size());
  codes_.emplace(std::string(value), code);
  bytes_.append(value);
  offsets_.push_back(bytes_.size());
  return code;
}

Dictionary DictionaryBuilder::finish() {
  struct Storage {
    std::vector<std::uint64_t> offsets;
    std::string bytes;
  };
  auto storage = std::make_shared<Storage>(Storage{std::move(offsets_), std::move(bytes_)});
  codes_.clear();
  offsets_ = {0};
  return Dictionary(storage->offsets, storage->bytes.data(), storage);
}

} // namespace seg::runtime
