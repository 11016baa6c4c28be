// NDJSON lines through simdjson's On-Demand API: wanted values come out as text (numbers in
// their own spelling, so the strict parsers decide what is an int), everything else is
// still walked so that a malformed line is reported rather than half-read.
#include "NdjsonReader.h"

#include <algorithm>
#include <cstring>
#include <simdjson.h>

namespace seg::runtime {

namespace od = simdjson::ondemand;

std::string_view jsonKindName(JsonKind kind) {
  switch (kind) {
  case JsonKind::Absent:
    return "absent";
  case JsonKind::Null:
    return "null";
  case JsonKind::Bool:
    return "bool";
  case JsonKind::Number:
    return "number";
  case JsonKind::String:
    return "string";
  case JsonKind::Object:
    return "object";
  case JsonKind::Array:
    return "array";
  }
  return "unknown";
}

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Deeper values are refused rather than walked: the walk recurses, and no CRM export nests
// anywhere near this deep.
constexpr int kMaxDepth = 64;

bool isJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && isJsonSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

// RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? — On-Demand does not check a
// number until it is converted, and we never convert it.
bool isJsonNumber(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

} // namespace

struct NdjsonReader::Impl {
  std::string_view data;
  std::size_t pos = 0;
  std::size_t line = 1;
  std::vector<std::string> wanted;
  std::size_t hint = 0; // lines usually repeat the key order: try the next wanted key first
  od::parser parser;
  std::vector<char> padded; // the line plus the zero padding simdjson reads past the end
  od::document doc;
  bool docValid = false; // false while `doc` still refers to an earlier line
  NdjsonRecord* record = nullptr;

  bool fail(std::string message) {
    record->error = std::move(message);
    return false;
  }

  // simdjson's sentence, made to fit after "invalid JSON: ", with the column when known.
  bool failJson(simdjson::error_code error) {
    std::string message = "invalid JSON: ";
    std::string_view text = simdjson::error_message(error);
    if (text.ends_with('.')) text.remove_suffix(1);
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' &&
        ((text[1] >= 'a' && text[1] <= 'z') || text[1] == ' ')) {
      message += static_cast<char>(text[0] | 0x20);
      text.remove_prefix(1);
    }
    message += text;
    const char* at = nullptr;
    // An early end is at the end, wherever the iterator stopped.
    if (docValid && error != simdjson::INCOMPLETE_ARRAY_OR_OBJECT &&
        doc.current_location().get(at) == simdjson::SUCCESS)
      message += " (at column " + std::to_string(offsetOf(at) + 1) + ")";
    return fail(std::move(message));
  }

  int wantedIndex(std::string_view key) {
    if (hint < wanted.size() && wanted[hint] == key) return static_cast<int>(hint++);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      if (wanted[i] == key) {
        hint = i + 1;
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  // Offset in the line of a pointer into `padded`.
  std::size_t offsetOf(const char* p) const { return static_cast<std::size_t>(p - padded.data()); }

  bool parseLine(std::string_view text);
  bool readValue(od::value& value, JsonValue& out);
  bool walk(od::value& value, int depth);
  bool checkNumber(od::value& value, std::string_view& spelling);
  bool failRoot(od::json_type type);
  bool failLiteral(od::value& value);
};

bool NdjsonReader::Impl::parseLine(std::string_view text) {
  if (padded.size() < text.size() + simdjson::SIMDJSON_PADDING)
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(padded.data(), text.data(), text.size());
  std::memset(padded.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  docValid = false;
  if (auto error = parser.iterate(padded.data(), text.size(), padded.size()).get(doc))
    return failJson(error);
  docValid = true;
  od::json_type type;
  if (auto error = doc.type().get(type)) return failJson(error);
  if (type != od::json_type::object) return failRoot(type);
  od::object object;
  if (auto error = doc.get_object().get(object)) return failJson(error);
  for (auto fieldResult : object) {
    od::field field;
    if (auto error = std::move(fieldResult).get(field)) return failJson(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return failJson(error);
    od::value& value = field.value();
    const int index = wantedIndex(key);
    if (index < 0) {
      if (!walk(value, 1)) return false;
      // A linear check keeps the list free of repeats without a set; the cap keeps a line of
      // a million distinct keys from making that quadratic.
      if (record->unknownKeys.size() < kMaxUnknownKeys &&
          std::find(record->unknownKeys.begin(), record->unknownKeys.end(), key) ==
              record->unknownKeys.end())
        record->unknownKeys.push_back(key);
      continue;
    }
    JsonValue& out = record->values[static_cast<std::size_t>(index)];
    // Which of two values was meant is a guess; the line is refused instead.
    if (out.kind != JsonKind::Absent) return fail("key '" + std::string(key) + "' appears twice");
    if (!readValue(value, out)) return false;
  }
  const char* after = nullptr;
  if (doc.current_location().get(after) == simdjson::SUCCESS)
    return fail("unexpected text after the object, at column " +
                std::to_string(offsetOf(after) + 1));
  return true;
}

bool NdjsonReader::Impl::failRoot(od::json_type type) {
  // type() only looked at the first byte: say "found a number" only if it is one.
  std::string_view found;
  bool valid = false;
  if (type == od::json_type::array) {
    found = "an array";
    valid = true;
  } else if (type == od::json_type::string) {
    found = "a string";
    std::string_view ignored;
    valid = doc.get_string().get(ignored) == simdjson::SUCCESS;
  } else if (type == od::json_type::number) {
    found = "a number";
    std::string_view token;
    valid = doc.raw_json_token().get(token) == simdjson::SUCCESS && isJsonNumber(trimRight(token));
  } else if (type == od::json_type::boolean) {
    found = "a bool";
    bool ignored = false;
    valid = doc.get_bool().get(ignored) == simdjson::SUCCESS;
  } else {
    found = "null";
    bool isNull = false;
    valid = doc.is_null().get(isNull) == simdjson::SUCCESS && isNull;
  }
  if (!valid) return fail("invalid JSON: expected an object");
  return fail("expected a JSON object on each line, found " + std::string(found));
}

bool NdjsonReader::Impl::failLiteral(od::value& value) {
  const std::string_view token = trimRight(value.raw_json_token());
  return fail("invalid JSON literal '" + std::string(token) + "' at column " +
              std::to_string(offsetOf(token.data()) + 1));
}

bool NdjsonReader::Impl::checkNumber(od::value& value, std::string_view& spelling) {
  spelling = trimRight(value.raw_json_token());
  if (!isJsonNumber(spelling))
    return fail("invalid JSON number '" + std::string(spelling) + "' at column " +
                std::to_string(offsetOf(spelling.data()) + 1));
  return true;
}

bool NdjsonReader::Impl::readValue(od::value& value, JsonValue& out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return failJson(error);
  switch (type) {
  case od::json_type::string:
    out.kind = JsonKind::String;
    if (auto error = value.get_string().get(out.text)) return failJson(error);
    return true;
  case od::json_type::number: {
    out.kind = JsonKind::Number;
    std::string_view spelling;
    if (!checkNumber(value, spelling)) return false;
    // Point into the input line, not the padded copy: both live until the next call, but
    // the input is what the caller can relate to `raw`.
    out.text = record->raw.substr(offsetOf(spelling.data()), spelling.size());
    return true;
  }
  case od::json_type::boolean: {
    bool b = false;
    if (value.get_bool().get(b) != simdjson::SUCCESS) return failLiteral(value);
    out.kind = JsonKind::Bool;
    out.text = b ? "true" : "false";
    return true;
  }
  case od::json_type::null: {
    bool isNull = false;
    if (value.is_null().get(isNull) != simdjson::SUCCESS || !isNull) return failLiteral(value);
    out.kind = JsonKind::Null;
    out.text = {};
    return true;
  }
  case od::json_type::object:
  case od::json_type::array: {
    out.kind = type == od::json_type::object ? JsonKind::Object : JsonKind::Array;
    const std::size_t begin = offsetOf(value.raw_json_token().data());
    if (!walk(value, 1)) return false;
    // After the walk the document stands on the token following the value.
    const char* after = nullptr;
    const std::size_t end = doc.current_location().get(after) == simdjson::SUCCESS
                                ? offsetOf(after)
                                : record->raw.size();
    out.text = trimRight(record->raw.substr(begin, end - begin));
    return true;
  }
  }
  return fail("invalid JSON value");
}

bool NdjsonReader::Impl::walk(od::value& value, int depth) {
  if (depth > kMaxDepth)
    return fail("values nested deeper than " + std::to_string(kMaxDepth) + " levels");
  od::json_type type;
  if (auto error = value.type().get(type)) return failJson(error);
  switch (type) {
  case od::json_type::object: {
    od::object object;
    if (auto error = value.get_object().get(object)) return failJson(error);
    for (auto fieldResult : object) {
      od::field field;
      if (auto error = std::move(fieldResult).get(field)) return failJson(error);
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) return failJson(error);
      if (!walk(field.value(), depth + 1)) return false;
    }
    return true;
  }
  case od::json_type::array: {
    od::array array;
    if (auto error = value.get_array().get(array)) return failJson(error);
    for (auto elementResult : array) {
      od::value element;
      if (auto error = elementResult.get(element)) return failJson(error);
      if (!walk(element, depth + 1)) return false;
    }
    return true;
  }
  default: {
    JsonValue ignored;
    return readValue(value, ignored);
  }
  }
}

NdjsonReader::NdjsonReader(std::string_view file, std::vector<std::string> wanted)
    : NdjsonReader(file.starts_with(kUtf8Bom) ? file.substr(kUtf8Bom.size()) : file,
                   std::move(wanted), 1) {}

NdjsonReader::NdjsonReader(std::string_view chunk, std::vector<std::string> wanted,
                           std::size_t firstLine)
    : impl_(std::make_unique<Impl>()) {
  impl_->data = chunk;
  impl_->line = firstLine;
  impl_->wanted = std::move(wanted);
}

NdjsonReader::~NdjsonReader() = default;
NdjsonReader::NdjsonReader(NdjsonReader&&) noexcept = default;
NdjsonReader& NdjsonReader::operator=(NdjsonReader&&) noexcept = default;

bool NdjsonReader::next(NdjsonRecord& record) {
  Impl& r = *impl_;
  record.values.assign(r.wanted.size(), JsonValue{});
  record.unknownKeys.clear();
  record.error.clear();
  const std::size_t n = r.data.size();
  while (r.pos < n) {
    const char* begin = r.data.data() + r.pos;
    const void* newline = std::memchr(begin, '\n', n - r.pos);
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) : n - r.pos;
    std::string_view text(begin, length);
    if (text.ends_with('\r')) text.remove_suffix(1);
    const std::size_t lineNumber = r.line++;
    r.pos += length + (newline ? 1 : 0);
    if (std::all_of(text.begin(), text.end(), isJsonSpace)) continue;
    record.line = lineNumber;
    record.raw = text;
    r.record = &record;
    r.hint = 0;
    if (!r.parseLine(text)) {
      // A malformed line carries no values: half of them could be mistaken for the row.
      std::fill(record.values.begin(), record.values.end(), JsonValue{});
      record.unknownKeys.clear();
    }
    return true;
  }
  return false;
}

std::vector<NdjsonChunk> splitNdjson(std::string_view file, std::size_t parts) {
  std::vector<NdjsonChunk> chunks;
  const std::size_t bodyStart = file.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  const std::size_t n = file.size();
  parts = std::max<std::size_t>(parts, 1);
  std::size_t chunkStart = bodyStart;
  std::size_t line = 1;
  for (std::size_t i = 1; i < parts; ++i) {
    std::size_t target = bodyStart + (n - bodyStart) * i / parts;
    if (target <= chunkStart) continue;
    const void* newline = std::memchr(file.data() + target, '\n', n - target);
    if (newline == nullptr) break;
    const std::size_t end =
        static_cast<std::size_t>(static_cast<const char*>(newline) - file.data()) + 1;
    if (end >= n) break;
    chunks.push_back({file.substr(chunkStart, end - chunkStart), line, chunkStart});
    line +=
        static_cast<std::size_t>(std::count(file.begin() + chunkStart, file.begin() + end, '\n'));
    chunkStart = end;
  }
  if (chunkStart < n) chunks.push_back({file.substr(chunkStart), line, chunkStart});
  return chunks;
}

} // namespace seg::runtime
