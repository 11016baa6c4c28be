// A column of values with a validity bitmap: the unit of the columnar store. The memory
// is either owned (after a CSV load) or a view into a memory-mapped snapshot.
#pragma once

#include "StoreSchema.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace seg::runtime {

// Physical storage per kind: Int, Timestamp → int64_t; Float → double; Bool → uint8_t
// (0 or 1); String, Enum → uint32_t codes (dictionary index, enum value index).
template <ValueKind K> struct PhysicalOf;
template <> struct PhysicalOf<ValueKind::Int> { using type = std::int64_t; };
template <> struct PhysicalOf<ValueKind::Timestamp> { using type = std::int64_t; };
template <> struct PhysicalOf<ValueKind::Float> { using type = double; };
template <> struct PhysicalOf<ValueKind::Bool> { using type = std::uint8_t; };
template <> struct PhysicalOf<ValueKind::String> { using type = std::uint32_t; };
template <> struct PhysicalOf<ValueKind::Enum> { using type = std::uint32_t; };

std::size_t physicalWidth(ValueKind kind);

// Bit i of word i/64 is set when row i holds a value (Arrow's convention).
inline bool bitIsSet(const std::uint64_t* words, std::size_t i) {
  return (words[i >> 6] >> (i & 63)) & 1u;
}
inline std::size_t bitmapWords(std::size_t rows) {
  return (rows + 63) / 64;
}

class Column {
public:
  Column() = default;
  // `owner` keeps `values` and `validity` alive; `validity` null means no nulls.
  Column(ValueKind kind, std::size_t length, const void* values, const std::uint64_t* validity,
         std::shared_ptr<const void> owner)
      : kind_(kind), length_(length), values_(values), validity_(validity),
        owner_(std::move(owner)) {}

  ValueKind kind() const { return kind_; }
  std::size_t size() const { return length_; }
  bool hasNulls() const { return validity_ != nullptr; }
  bool isValid(std::size_t row) const { return validity_ == nullptr || bitIsSet(validity_, row); }
  const std::uint64_t* validity() const { return validity_; }
  const void* rawValues() const { return values_; }
  std::size_t byteSize() const;

  template <class T> std::span<const T> values() const {
    return {static_cast<const T*>(values_), length_};
  }

private:
  ValueKind kind_ = ValueKind::Int;
  std::size_t length_ = 0;
  const void* values_ = nullptr;
  const std::uint64_t* validity_ = nullptr;
  std::shared_ptr<const void> owner_;
};

// Appends values while loading, then hands over its memory to a Column.
class ColumnBuilder {
public:
  explicit ColumnBuilder(ValueKind kind, bool nullable);

  void appendNull();
  void appendInt(std::int64_t v) { appendRaw(&v); }
  void appendFloat(double v) { appendRaw(&v); }
  void appendBool(bool v) {
    std::uint8_t b = v ? 1 : 0;
    appendRaw(&b);
  }
  void appendCode(std::uint32_t v) { appendRaw(&v); }
  std::size_t size() const { return length_; }
  ValueKind kind() const { return kind_; }
  // Appends all of `other`'s rows (same kind); codes go through `codeRemap` when given
  // (merging per-thread dictionaries).
  void appendFrom(const ColumnBuilder& other, std::span<const std::uint32_t> codeRemap = {});
  // The same for a finished column (e.g. a snapshot's, copied to be changed).
  void appendColumn(const Column& other, std::span<const std::uint32_t> codeRemap = {});
  // Replaces row `row`'s value (live upserts): `value` points at one physical value.
  void setRaw(std::size_t row, const void* value);
  void setNull(std::size_t row);
  void reserve(std::size_t rows);
  // The values appended so far (valid until the next append).
  template <class T> std::span<const T> view() const {
    return {reinterpret_cast<const T*>(values_.data()), length_};
  }
  bool isValid(std::size_t row) const { return !nullable_ || bitIsSet(validity_.data(), row); }
  const std::byte* rawData() const { return values_.data(); }
  // Keeps rows whose index is listed, in that order (used to sort events).
  void permute(std::span<const std::uint32_t> order);
  // Drops rows from `length` on (used when a row is rejected after some columns grew).
  void truncate(std::size_t length);
  Column finish();

private:
  void appendRaw(const void* value);

  ValueKind kind_;
  bool nullable_;
  std::size_t width_;
  std::size_t length_ = 0;
  std::vector<std::byte> values_;
  std::vector<std::uint64_t> validity_;
};

} // namespace seg::runtime
