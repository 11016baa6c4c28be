// Moving single values between the interpreter and memory: store columns (with their
// dictionaries), per-contact output columns, and string-table entries.
#pragma once

#include "BoundPlan.h"
#include "Value.h"

#include <optional>

namespace seg::exec {

// The value of `row` in a store column; strings come back as their dictionary text.
Value readStoreValue(const runtime::Column& column, const runtime::Dictionary* dictionary,
                     std::size_t row);
// The dictionary code of `row` in a String store column (nothing when null).
std::optional<std::uint32_t> readStoreCode(const runtime::Column& column, std::size_t row);

// Raw values of a plan ValueType (widthOf(type) bytes). String values have no text here
// (the interpreter never stores a string, see docs/execution.md).
Value loadValue(const std::byte* at, ValueType type);
void storeValue(std::byte* at, ValueType type, const Value& value);

Value readContactColumn(const ContactColumn& column, std::size_t row);
void writeContactColumn(ContactColumn& column, std::size_t row, const Value& value);

} // namespace seg::exec
