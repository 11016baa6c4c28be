#include "RowSource.h"

#include <fmt/format.h>

namespace seg::runtime {
namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

class CsvRowSource : public RowSource {
public:
  CsvRowSource(const InputChunk& chunk, std::size_t columns)
      : reader_(chunk.data, chunk.firstLine), columns_(columns) {}

  bool next(Row& row) override {
    if (!reader_.next(record_)) return false;
    row.line = record_.line;
    row.raw = record_.raw;
    row.malformed.clear();
    row.fields.assign(columns_, std::nullopt);
    row.structured.assign(columns_, false);
    row.given.assign(columns_, true);
    if (record_.malformed()) {
      row.malformed = describeCsvError(record_);
      row.fieldCount = 0;
      return true;
    }
    row.fieldCount = record_.fields.size();
    for (std::size_t i = 0; i < record_.fields.size() && i < columns_; ++i) {
      const CsvField& field = record_.fields[i];
      // An unquoted empty cell is absent; a quoted "" is an empty string.
      if (!field.text.empty() || field.quoted) row.fields[i] = field.text;
    }
    return true;
  }

private:
  CsvReader reader_;
  CsvRecord record_;
  std::size_t columns_;
};

class NdjsonRowSource : public RowSource {
public:
  NdjsonRowSource(const InputChunk& chunk, const std::vector<std::string>& columns,
                  std::set<std::string>* unknownKeys)
      : reader_(chunk.data, columns, chunk.firstLine), columns_(columns.size()),
        unknownKeys_(unknownKeys) {}

  bool next(Row& row) override {
    if (!reader_.next(record_)) return false;
    row.line = record_.line;
    row.raw = record_.raw;
    row.malformed = record_.error;
    row.fieldCount = columns_; // keys, not positions: a JSON row cannot have a wrong count
    row.fields.assign(columns_, std::nullopt);
    row.structured.assign(columns_, false);
    row.given.assign(columns_, false);
    if (record_.malformed()) return true;
    for (std::size_t i = 0; i < columns_ && i < record_.values.size(); ++i) {
      const JsonValue& value = record_.values[i];
      row.given[i] = value.kind != JsonKind::Absent;
      if (value.kind == JsonKind::Absent || value.kind == JsonKind::Null) continue;
      row.fields[i] = value.text;
      row.structured[i] = value.kind == JsonKind::Object || value.kind == JsonKind::Array;
    }
    if (unknownKeys_ != nullptr)
      for (std::string_view key : record_.unknownKeys)
        if (unknownKeys_->size() < 100) unknownKeys_->emplace(key);
    return true;
  }

private:
  NdjsonReader reader_;
  NdjsonRecord record_;
  std::size_t columns_;
  std::set<std::string>* unknownKeys_;
};

} // namespace

InputFormat formatOfPath(std::string_view path) {
  if (endsWith(path, ".ndjson") || endsWith(path, ".jsonl") || endsWith(path, ".json"))
    return InputFormat::Ndjson;
  return InputFormat::Csv;
}

SplitInput splitInput(std::string_view file, InputFormat format,
                      const std::vector<std::string>& wanted, std::size_t parts) {
  SplitInput out;
  if (format == InputFormat::Ndjson) {
    out.columns = wanted;
    for (const NdjsonChunk& c : splitNdjson(file, parts))
      out.chunks.push_back({c.data, c.firstLine});
    return out;
  }
  CsvReader reader(file);
  CsvRecord header;
  if (!reader.readHeader(header)) {
    out.error = "the file is empty: a CSV file starts with a header line naming its columns";
    return out;
  }
  if (header.malformed()) {
    out.error =
        fmt::format("line {}: the header is malformed: {}", header.line, describeCsvError(header));
    return out;
  }
  for (const CsvField& field : header.fields)
    out.columns.emplace_back(field.text);
  for (const CsvChunk& c : splitCsv(file, parts))
    out.chunks.push_back({c.data, c.firstLine});
  return out;
}

std::unique_ptr<RowSource> openChunk(const InputChunk& chunk, InputFormat format,
                                     const std::vector<std::string>& columns,
                                     std::set<std::string>* unknownKeys) {
  if (format == InputFormat::Ndjson)
    return std::make_unique<NdjsonRowSource>(chunk, columns, unknownKeys);
  return std::make_unique<CsvRowSource>(chunk, columns.size());
}

} // namespace seg::runtime
