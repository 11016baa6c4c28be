// A newline-delimited JSON reader (one object per line, via simdjson) that hands the loader
// each wanted column's value as text, so NDJSON and CSV share the same strict value parsers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime {

enum class JsonKind : std::uint8_t { Absent, Null, Bool, Number, String, Object, Array };

// "absent", "null", "bool", "number", "string", "object", "array".
std::string_view jsonKindName(JsonKind kind);

struct JsonValue {
  // Number: its JSON spelling ("-1.5e3"); String: unescaped; Bool: "true" or "false";
  // Object and Array: their JSON text; Null and Absent: empty.
  std::string_view text;
  JsonKind kind = JsonKind::Absent;
};

// Enough for an "unknown column" warning.
inline constexpr std::size_t kMaxUnknownKeys = 100;

struct NdjsonRecord {
  std::vector<JsonValue> values; // parallel to the wanted columns
  // Keys not wanted, each once, in the order seen; at most kMaxUnknownKeys of them.
  std::vector<std::string_view> unknownKeys;
  std::size_t line = 0; // 1-based physical line
  std::string_view raw; // the line, without its terminator
  std::string error;    // why the line is malformed; empty if it isn't

  bool malformed() const { return !error.empty(); }
};

// Views in a record stay valid until the reader's next call. Lines holding only whitespace
// are skipped; any other line yields exactly one record, malformed or not.
class NdjsonReader {
public:
  // A whole file: a leading UTF-8 byte-order mark is skipped, the first line is line 1.
  NdjsonReader(std::string_view file, std::vector<std::string> wanted);
  // A chunk from splitNdjson(), starting on `firstLine`.
  NdjsonReader(std::string_view chunk, std::vector<std::string> wanted, std::size_t firstLine);
  ~NdjsonReader();
  NdjsonReader(NdjsonReader&&) noexcept;
  NdjsonReader& operator=(NdjsonReader&&) noexcept;

  bool next(NdjsonRecord& record);

private:
  struct Impl; // keeps simdjson's 30k-line header out of every includer
  std::unique_ptr<Impl> impl_;
};

struct NdjsonChunk {
  std::string_view data; // whole lines; pass to NdjsonReader(data, wanted, firstLine)
  std::size_t firstLine = 1;
  std::size_t offset = 0; // of data within the file
};

// Cuts a file (after any BOM) into at most `parts` non-empty chunks of whole lines.
std::vector<NdjsonChunk> splitNdjson(std::string_view file, std::size_t parts);

} // namespace seg::runtime
