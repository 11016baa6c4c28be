#include "ValueConverter.h"

#include "ValueParser.h"

#include <fmt/format.h>

namespace seg::runtime {

std::string quoteValue(std::string_view value) {
  std::string out = "'";
  std::size_t shown = 0;
  for (char ch : value) {
    if (++shown > 60) {
      out += "…";
      break;
    }
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7F)
      out += fmt::format("\\x{:02X}", c);
    else
      out.push_back(ch);
  }
  return out + "'";
}

std::optional<ConversionError> convertField(const ColumnSpec& spec,
                                            const std::optional<std::string_view>& text,
                                            bool structured, StagedValue& out) {
  out = StagedValue{};
  if (!text) {
    // A string may be empty; other types have no empty value, so absent means null.
    if (spec.kind == ValueKind::String && !spec.nullable) return std::nullopt;
    if (spec.nullable) {
      out.null = true;
      return std::nullopt;
    }
    return ConversionError{RejectKind::MissingValue,
                           fmt::format("column '{}': no value, but '{}' cannot be null (declare "
                                       "it '{}?' to allow empty cells)",
                                       spec.name, spec.name, valueKindName(spec.kind))};
  }
  const std::string_view value = *text;
  auto bad = [&](ValueError error) {
    return ConversionError{RejectKind::BadValue,
                           fmt::format("column '{}': value {} {}", spec.name, quoteValue(value),
                                       errorFragment(error))};
  };
  if (structured)
    return ConversionError{RejectKind::BadValue,
                           fmt::format("column '{}': value {} is a JSON object or array, not a "
                                       "{}",
                                       spec.name, quoteValue(value), valueKindName(spec.kind))};
  switch (spec.kind) {
  case ValueKind::Int: {
    Parsed<std::int64_t> v = parseInt(value);
    if (!v.ok()) return bad(v.error);
    out.integer = v.value;
    return std::nullopt;
  }
  case ValueKind::Timestamp: {
    Parsed<std::int64_t> v = parseTimestamp(value);
    if (!v.ok()) return bad(v.error);
    out.integer = v.value;
    return std::nullopt;
  }
  case ValueKind::Float: {
    Parsed<double> v = parseFloat(value);
    if (!v.ok()) return bad(v.error);
    out.real = v.value;
    return std::nullopt;
  }
  case ValueKind::Bool: {
    Parsed<bool> v = parseBool(value);
    if (!v.ok()) return bad(v.error);
    out.code = v.value ? 1 : 0;
    return std::nullopt;
  }
  case ValueKind::Enum: {
    Parsed<std::uint32_t> v = parseEnum(value, spec.enumValues);
    if (!v.ok())
      return ConversionError{RejectKind::BadValue,
                             fmt::format("column '{}': value {} {}", spec.name, quoteValue(value),
                                         enumErrorFragment(value, spec.enumValues))};
    out.code = v.value;
    return std::nullopt;
  }
  case ValueKind::String:
    if (!isValidUtf8(value)) return bad(ValueError::InvalidUtf8);
    out.text = value;
    return std::nullopt;
  }
  return std::nullopt;
}

void appendStaged(const ColumnSpec& spec, const StagedValue& value, ColumnBuilder& column,
                  DictionaryBuilder* dictionary) {
  if (value.null) {
    column.appendNull();
    return;
  }
  switch (spec.kind) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    column.appendInt(value.integer);
    break;
  case ValueKind::Float:
    column.appendFloat(value.real);
    break;
  case ValueKind::Bool:
    column.appendBool(value.code != 0);
    break;
  case ValueKind::Enum:
    column.appendCode(value.code);
    break;
  case ValueKind::String:
    column.appendCode(dictionary->intern(value.text));
    break;
  }
}

} // namespace seg::runtime
