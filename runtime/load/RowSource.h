// One interface over CSV and NDJSON input: rows whose fields line up with the source's
// column names, each either absent (an unquoted empty cell, JSON null or a missing key) or
// text for the strict value parsers.
#pragma once

#include "CsvReader.h"
#include "NdjsonReader.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime {

enum class InputFormat { Csv, Ndjson };

// By extension: .ndjson, .jsonl and .json are NDJSON; everything else is CSV.
InputFormat formatOfPath(std::string_view path);

struct Row {
  std::size_t line = 0;
  std::string_view raw;       // the record as read, for reject files
  std::string malformed;      // why the record itself is broken; empty when it is not
  std::size_t fieldCount = 0; // as found in the record (CSV: must equal the header's)
  std::vector<std::optional<std::string_view>> fields; // parallel to columns()
  std::vector<bool> structured; // NDJSON object/array values, which no column accepts
  // The record names the column: CSV, every header column; NDJSON, keys present (a JSON
  // null too). What tells an upsert's "set to null" from "leave unchanged".
  std::vector<bool> given;
};

class RowSource {
public:
  virtual ~RowSource() = default;
  virtual bool next(Row& row) = 0;
};

// A chunk of a file, read by one thread.
struct InputChunk {
  std::string_view data;
  std::size_t firstLine = 1;
};

// The header (CSV) or the wanted keys (NDJSON), and chunks of the body.
struct SplitInput {
  std::vector<std::string> columns;
  std::vector<InputChunk> chunks;
  std::string error; // e.g. an empty file or a malformed header
};

// CSV: the header names the columns. NDJSON: the columns are `wanted`, and keys not in it
// are collected by the sources for an "unknown column" warning.
SplitInput splitInput(std::string_view file, InputFormat format,
                      const std::vector<std::string>& wanted, std::size_t parts);

std::unique_ptr<RowSource> openChunk(const InputChunk& chunk, InputFormat format,
                                     const std::vector<std::string>& columns,
                                     std::set<std::string>* unknownKeys);

} // namespace seg::runtime
