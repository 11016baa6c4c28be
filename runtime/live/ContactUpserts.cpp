#include "ContactUpserts.h"

#include "load/ContactLoader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>
#include <unordered_map>

namespace seg::runtime::live {

bool parseUpserts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  const ContactKeys& keys, std::size_t contactRows, LoadReport& report,
                  ParsedUpserts& out) {
  // Upserts change only the fields they carry, so no column but the key is required.
  std::optional<ContactInput> opened = openContactInput(schema, path, file, false, report);
  if (!opened) return false;
  FileSummary& summary = report.file(path);
  const InputFormat format = opened->format;
  const SplitInput& input = opened->input;
  const ColumnMapping& mapping = opened->mapping;
  const auto keyField = static_cast<std::size_t>(schema.keyField);
  const ColumnSpec& keySpec = schema.contactFields[keyField];
  if (mapping.sourceOf[keyField] < 0) {
    report.fatal(fmt::format("{}: missing the key column '{}' (upserts name their contact by it)",
                             path, keySpec.name));
    return false;
  }
  const std::size_t fields = schema.contactFields.size();

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
      upsert.present.assign(fields, false);
      std::optional<ConversionError> error;
      for (std::size_t f = 0; f < fields && !error; ++f) {
        const int column = mapping.sourceOf[f];
        if (column < 0 || !row.given[static_cast<std::size_t>(column)]) continue;
        upsert.present[f] = true;
        error = convertField(schema.contactFields[f], row.fields[column], row.structured[column],
                             upsert.values[f]);
      }
      if (error) {
        reject(error->kind, std::move(error->message));
        continue;
      }
      if (!upsert.present[keyField]) {
        reject(RejectKind::MissingValue,
               fmt::format("no '{}': an upsert names its contact by the key", keySpec.name));
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
          if (!upsert.present[f] && !schema.contactFields[f].nullable)
            missing.push_back("'" + schema.contactFields[f].name + "'");
        if (!missing.empty())
          error = ConversionError{
              RejectKind::MissingValue,
              fmt::format("new contact {} needs the field{} {} (not nullable), which the file "
                          "does not give",
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
