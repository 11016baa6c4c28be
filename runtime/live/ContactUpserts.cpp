#include "ContactUpserts.h"

#include "load/ColumnMapping.h"
#include "load/RowSource.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>
#include <unordered_map>

namespace seg::runtime::live {

bool parseUpserts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  const ContactKeys& keys, std::size_t contactRows, LoadReport& report,
                  ParsedUpserts& out) {
  FileSummary& summary = report.file(path);
  const InputFormat format = formatOfPath(path);
  std::vector<std::string> wanted;
  std::vector<const ColumnSpec*> specs;
  for (const ColumnSpec& spec : schema.contactFields) {
    wanted.push_back(spec.name);
    specs.push_back(&spec);
  }
  SplitInput input = splitInput(file, format, wanted, 1);
  if (!input.error.empty()) {
    report.fatal(fmt::format("{}: {}", path, input.error));
    return false;
  }
  // Upserts change only the fields they carry, so no column but the key is required.
  ColumnMapping mapping = mapColumns(input.columns, specs, {}, false);
  for (const std::string& w : mapping.warnings)
    summary.warnings.push_back(w);
  const auto keyField = static_cast<std::size_t>(schema.keyField);
  const ColumnSpec& keySpec = schema.contactFields[keyField];
  if (mapping.sourceOf[keyField] < 0) {
    report.fatal(fmt::format("{}: missing the key column '{}' (upserts name their contact by it)",
                             path, keySpec.name));
    return false;
  }
  const std::size_t fields = schema.contactFields.size();
  out.present.assign(fields, false);
  for (std::size_t f = 0; f < fields; ++f)
    out.present[f] = mapping.sourceOf[f] >= 0;

  const bool stringKeys = keySpec.kind == ValueKind::String;
  std::unordered_map<std::string, std::uint32_t> createdRows; // new keys seen in this file
  std::set<std::string> unknownKeys;
  Row row;
  for (const InputChunk& chunk : input.chunks) {
    std::unique_ptr<RowSource> source = openChunk(chunk, format, input.columns, &unknownKeys);
    while (source->next(row)) {
      ++summary.read;
      auto reject = [&](RejectKind kind, std::string message) {
        report.reject({path, row.line, kind, std::move(message), std::string(row.raw)});
      };
      if (!row.malformed.empty()) {
        reject(RejectKind::Malformed, row.malformed);
        continue;
      }
      if (format == InputFormat::Csv && row.fieldCount != input.columns.size()) {
        reject(RejectKind::FieldCount,
               fmt::format("expected {} fields (as in the header), found {}", input.columns.size(),
                           row.fieldCount));
        continue;
      }
      ContactUpsert upsert;
      upsert.values.resize(fields);
      std::optional<ConversionError> error;
      for (std::size_t f = 0; f < fields && !error; ++f) {
        const int column = mapping.sourceOf[f];
        if (column < 0) continue;
        error = convertField(schema.contactFields[f], row.fields[column], row.structured[column],
                             upsert.values[f]);
      }
      if (error) {
        reject(error->kind, std::move(error->message));
        continue;
      }
      const StagedValue& key = upsert.values[keyField];
      std::string keyText = stringKeys ? std::string(key.text) : std::to_string(key.integer);
      if (std::optional<std::uint32_t> existing = keys.find(keyText)) {
        upsert.row = *existing;
      } else if (auto seen = createdRows.find(keyText); seen != createdRows.end()) {
        upsert.row = seen->second;
      } else {
        // A new contact: every field it cannot leave null must be in the file.
        std::vector<std::string> missing;
        for (std::size_t f = 0; f < fields; ++f)
          if (!out.present[f] && !schema.contactFields[f].nullable)
            missing.push_back("'" + schema.contactFields[f].name + "'");
        if (!missing.empty())
          error = ConversionError{
              RejectKind::MissingValue,
              fmt::format("new contact {} needs the field{} {} (not nullable), which the file "
                          "has no column for",
                          quoteValue(keyText), missing.size() == 1 ? "" : "s",
                          fmt::join(missing, ", "))};
        if (error) {
          reject(error->kind, std::move(error->message));
          continue;
        }
        upsert.row = static_cast<std::uint32_t>(contactRows + out.created++);
        createdRows.emplace(keyText, upsert.row);
        out.newKeys.push_back(std::move(keyText));
      }
      out.rows.push_back(std::move(upsert));
      ++summary.loaded;
    }
  }
  for (const std::string& key : unknownKeys)
    summary.warnings.push_back(fmt::format("unknown key '{}' is ignored", key));
  return true;
}

} // namespace seg::runtime::live
