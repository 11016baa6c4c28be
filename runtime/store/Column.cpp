#include "Column.h"

#include <cstring>

namespace seg::runtime {

std::size_t physicalWidth(ValueKind kind) {
  switch (kind) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
  case ValueKind::Float:
    return 8;
  case ValueKind::Bool:
    return 1;
  case ValueKind::String:
  case ValueKind::Enum:
    return 4;
  }
  return 8;
}

std::size_t Column::byteSize() const {
  return length_ * physicalWidth(kind_) + (validity_ ? bitmapWords(length_) * 8 : 0);
}

ColumnBuilder::ColumnBuilder(ValueKind kind, bool nullable)
    : kind_(kind), nullable_(nullable), width_(physicalWidth(kind)) {}

void ColumnBuilder::appendRaw(const void* value) {
  std::size_t at = values_.size();
  values_.resize(at + width_);
  std::memcpy(values_.data() + at, value, width_);
  if (nullable_) {
    if (length_ % 64 == 0) validity_.push_back(0);
    validity_.back() |= std::uint64_t{1} << (length_ % 64);
  }
  ++length_;
}

void ColumnBuilder::appendNull() {
  std::size_t at = values_.size();
  values_.resize(at + width_); // zero: kernels may read it, must not matter
  if (length_ % 64 == 0) validity_.push_back(0);
  ++length_;
}

void ColumnBuilder::reserve(std::size_t rows) {
  values_.reserve(rows * width_);
  if (nullable_) validity_.reserve(bitmapWords(rows));
}

void ColumnBuilder::appendFrom(const ColumnBuilder& other,
                               std::span<const std::uint32_t> codeRemap) {
  const std::size_t start = length_;
  const std::size_t count = other.length_;
  values_.resize((start + count) * width_);
  if (codeRemap.empty()) {
    std::memcpy(values_.data() + start * width_, other.values_.data(), count * width_);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      std::uint32_t code = 0;
      std::memcpy(&code, other.values_.data() + i * 4, 4);
      bool valid = !other.nullable_ || bitIsSet(other.validity_.data(), i);
      code = valid ? codeRemap[code] : 0;
      std::memcpy(values_.data() + (start + i) * 4, &code, 4);
    }
  }
  if (nullable_) {
    validity_.resize(bitmapWords(start + count), 0);
    for (std::size_t i = 0; i < count; ++i) {
      bool valid = !other.nullable_ || bitIsSet(other.validity_.data(), i);
      if (valid) validity_[(start + i) >> 6] |= std::uint64_t{1} << ((start + i) & 63);
    }
  }
  length_ = start + count;
}

void ColumnBuilder::truncate(std::size_t length) {
  if (length >= length_) return;
  values_.resize(length * width_);
  if (nullable_) {
    validity_.resize(bitmapWords(length));
    if (length % 64 != 0) validity_.back() &= (std::uint64_t{1} << (length % 64)) - 1;
  }
  length_ = length;
}

void ColumnBuilder::appendColumn(const Column& other, std::span<const std::uint32_t> codeRemap) {
  const std::size_t start = length_;
  const std::size_t count = other.size();
  const auto* source = static_cast<const std::byte*>(other.rawValues());
  values_.resize((start + count) * width_);
  if (codeRemap.empty()) {
    if (count != 0) std::memcpy(values_.data() + start * width_, source, count * width_);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      std::uint32_t code = 0;
      std::memcpy(&code, source + i * 4, 4);
      code = other.isValid(i) ? codeRemap[code] : 0;
      std::memcpy(values_.data() + (start + i) * 4, &code, 4);
    }
  }
  if (nullable_) {
    validity_.resize(bitmapWords(start + count), 0);
    for (std::size_t i = 0; i < count; ++i)
      if (other.isValid(i)) validity_[(start + i) >> 6] |= std::uint64_t{1} << ((start + i) & 63);
  }
  length_ = start + count;
}

void ColumnBuilder::setRaw(std::size_t row, const void* value) {
  std::memcpy(values_.data() + row * width_, value, width_);
  if (nullable_) validity_[row >> 6] |= std::uint64_t{1} << (row & 63);
}

void ColumnBuilder::setNull(std::size_t row) {
  if (!nullable_) return; // the converters never stage a null for such a column
  std::memset(values_.data() + row * width_, 0, width_);
  validity_[row >> 6] &= ~(std::uint64_t{1} << (row & 63));
}

void ColumnBuilder::permute(std::span<const std::uint32_t> order) {
  std::vector<std::byte> values(order.size() * width_);
  std::vector<std::uint64_t> validity(nullable_ ? bitmapWords(order.size()) : 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::memcpy(values.data() + i * width_, values_.data() + order[i] * width_, width_);
    if (nullable_ && bitIsSet(validity_.data(), order[i]))
      validity[i >> 6] |= std::uint64_t{1} << (i & 63);
  }
  values_ = std::move(values);
  validity_ = std::move(validity);
  length_ = order.size();
}

Column ColumnBuilder::finish() {
  struct Storage {
    std::vector<std::byte> values;
    std::vector<std::uint64_t> validity;
  };
  auto storage = std::make_shared<Storage>(Storage{std::move(values_), std::move(validity_)});
  if (nullable_) storage->validity.resize(bitmapWords(length_));
  const std::uint64_t* validity = nullable_ ? storage->validity.data() : nullptr;
  Column column(kind_, length_, storage->values.data(), validity, storage);
  length_ = 0;
  return column;
}

} // namespace seg::runtime
