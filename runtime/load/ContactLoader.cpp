#include "ContactLoader.h"

#include "ColumnMapping.h"
#include "RowSource.h"
#include "ValueConverter.h"
#include "ValueParser.h"

#include <fmt/format.h>

namespace seg::runtime {

std::optional<ContactInput> openContactInput(const StoreSchema& schema, const std::string& path,
                                             std::string_view file, bool requireAll,
                                             LoadReport& report) {
  FileSummary& summary = report.file(path);
  ContactInput out;
  out.format = formatOfPath(path);
  std::vector<std::string> wanted;
  std::vector<const ColumnSpec*> specs;
  for (const ColumnSpec& spec : schema.contactFields) {
    wanted.push_back(spec.name);
    specs.push_back(&spec);
  }
  out.input = splitInput(file, out.format, wanted, 1);
  if (!out.input.error.empty()) {
    report.fatal(fmt::format("{}: {}", path, out.input.error));
    return std::nullopt;
  }
  out.mapping = mapColumns(out.input.columns, specs, {}, requireAll);
  for (const std::string& w : out.mapping.warnings)
    summary.warnings.push_back(w);
  if (!out.mapping.fatal.empty()) {
    for (const std::string& f : out.mapping.fatal)
      report.fatal(fmt::format("{}: {}", path, f));
    return std::nullopt;
  }
  return out;
}

bool loadContacts(const StoreSchema& schema, const std::string& path, std::string_view file,
                  LoadReport& report, LoadedContacts& out, LoadProgress& progress) {
  std::optional<ContactInput> opened = openContactInput(schema, path, file, true, report);
  if (!opened) return false;
  FileSummary& summary = report.file(path);
  const InputFormat format = opened->format;
  const SplitInput& input = opened->input;
  const ColumnMapping& mapping = opened->mapping;

  const std::size_t fields = schema.contactFields.size();
  const int keyField = schema.keyField;
  const bool stringKeys = schema.contactFields[keyField].kind == ValueKind::String;
  out.keys = std::make_unique<ContactKeys>(stringKeys, file.size() / 64);
  std::vector<ColumnBuilder> columns;
  std::vector<DictionaryBuilder> dictionaries(fields);
  for (const ColumnSpec& spec : schema.contactFields)
    columns.emplace_back(spec.kind, spec.nullable);
  std::vector<std::size_t> firstLineOfRow; // for "duplicate key, first on line N"

  progress.start("loading " + path, file.size());
  std::set<std::string> unknownKeys;
  std::vector<StagedValue> staged(fields);
  Row row;
  for (const InputChunk& chunk : input.chunks) {
    std::unique_ptr<RowSource> source = openChunk(chunk, format, input.columns, &unknownKeys);
    std::size_t consumed = 0;
    while (source->next(row)) {
      progress.advance(row.raw.size() + 1);
      consumed += row.raw.size() + 1;
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
      std::optional<ConversionError> error;
      for (std::size_t f = 0; f < fields && !error; ++f) {
        int source = mapping.sourceOf[f];
        std::optional<std::string_view> text =
            source >= 0 ? row.fields[source] : std::optional<std::string_view>{};
        bool structured = source >= 0 && row.structured[source];
        error = convertField(schema.contactFields[f], text, structured, staged[f]);
      }
      if (error) {
        reject(error->kind, std::move(error->message));
        continue;
      }
      auto newRow = static_cast<std::uint32_t>(columns[0].size());
      const StagedValue& key = staged[keyField];
      bool fresh = stringKeys ? out.keys->insertString(key.text, newRow)
                              : out.keys->insertInt(key.integer, newRow);
      if (!fresh) {
        std::optional<std::uint32_t> first =
            stringKeys ? out.keys->find(key.text) : out.keys->find(std::to_string(key.integer));
        std::string shown = stringKeys ? std::string(key.text) : std::to_string(key.integer);
        reject(RejectKind::DuplicateKey,
               fmt::format("duplicate contact key {} (first on line {})", quoteValue(shown),
                           first ? firstLineOfRow[*first] : 0));
        continue;
      }
      for (std::size_t f = 0; f < fields; ++f)
        appendStaged(schema.contactFields[f], staged[f], columns[f], &dictionaries[f]);
      firstLineOfRow.push_back(row.line);
      ++summary.loaded;
    }
    (void)consumed;
  }
  progress.clear();
  for (const std::string& key : unknownKeys)
    summary.warnings.push_back(fmt::format("unknown key '{}' is ignored", key));

  out.table.rows = summary.loaded;
  for (std::size_t f = 0; f < fields; ++f) {
    out.table.columns.push_back(columns[f].finish());
    out.table.dictionaries.push_back(schema.contactFields[f].kind == ValueKind::String
                                         ? dictionaries[f].finish()
                                         : Dictionary());
  }
  return true;
}

} // namespace seg::runtime
