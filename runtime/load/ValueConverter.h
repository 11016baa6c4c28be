// Turns one field's text into a staged value of its column's type, or into the message a
// rejected row gets: "column 'age': value 'abc' is not a valid int".
#pragma once

#include "LoadReport.h"
#include "store/Column.h"
#include "store/Dictionary.h"

#include <optional>
#include <string>
#include <string_view>

namespace seg::runtime {

// A parsed value, held until the whole row is known to be good.
struct StagedValue {
  bool null = false;
  std::int64_t integer = 0; // Int, Timestamp
  double real = 0;          // Float
  std::uint32_t code = 0;   // Enum index, Bool (0/1)
  std::string_view text;    // String (interned only when the row is accepted)
};

struct ConversionError {
  RejectKind kind = RejectKind::BadValue;
  std::string message;
};

// `structured`: the NDJSON value was an object or array, which no column holds.
std::optional<ConversionError> convertField(const ColumnSpec& spec,
                                            const std::optional<std::string_view>& text,
                                            bool structured, StagedValue& out);

void appendStaged(const ColumnSpec& spec, const StagedValue& value, ColumnBuilder& column,
                  DictionaryBuilder* dictionary);

// A value as it appears in a message: quoted, control characters escaped, long values cut.
std::string quoteValue(std::string_view value);

} // namespace seg::runtime
