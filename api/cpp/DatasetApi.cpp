// seg::Dataset opened from a snapshot or loaded from a folder of CSV/NDJSON files.
#include "Detail.h"
#include "live/LiveStore.h"
#include "base/Suggest.h"
#include "report/ContactValues.h"
#include "report/PiiMask.h"
#include "snapshot/DataSource.h"

#include <filesystem>
#include <fmt/format.h>

namespace seg {
namespace {

Expected<Dataset> fromOpened(runtime::OpenedData opened, ErrorCode failure) {
  std::string report = opened.loadReport ? opened.loadReport->render() : "";
  if (!opened.store) {
    std::string message = opened.error;
    if (!report.empty()) message = report + message;
    return Error(failure, std::move(message));
  }
  auto data = std::make_shared<detail::DatasetData>(
      detail::DatasetData{Schema(detail::makeSchemaData(opened.store->schema)),
                          std::move(*opened.store),
                          opened.snapshot,
                          std::move(report),
                          opened.loadReport ? opened.loadReport->rejectedCount() : 0,
                          {},
                          {},
                          std::make_shared<detail::DatasetData::ContactIndex>()});
  return Dataset(std::move(data));
}

} // namespace

Dataset::Dataset(std::shared_ptr<const detail::DatasetData> data) : data_(std::move(data)) {}

Expected<Dataset> Dataset::open(const std::string& snapshotPath) {
  if (snapshotPath.empty()) return Error(ErrorCode::InvalidArgument, "no snapshot path given");
  std::error_code ec;
  if (std::filesystem::is_directory(snapshotPath, ec))
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("'{}' is a folder: load a folder of data files with its schema "
                             "(Dataset::load), or open a snapshot made by `seg import`",
                             snapshotPath));
  return fromOpened(runtime::openData({snapshotPath}, nullptr), ErrorCode::Data);
}

Expected<Dataset> Dataset::load(const Schema& schema, const std::string& dataDir,
                                const LoadOptions& options) {
  if (dataDir.empty()) return Error(ErrorCode::InvalidArgument, "no data folder given");
  runtime::OpenedData opened =
      runtime::openData({dataDir, options.threads, options.maxErrors, false}, &schema.data().store);
  ErrorCode failure = opened.schemaMismatch ? ErrorCode::SchemaMismatch : ErrorCode::Data;
  return fromOpened(std::move(opened), failure);
}

Expected<Dataset> Dataset::load(const std::string& schemaPath, const std::string& dataDir,
                                const LoadOptions& options) {
  if (schemaPath.empty()) return Error(ErrorCode::InvalidArgument, "no schema file given");
  Expected<Schema> schema = Schema::compileFiles({schemaPath});
  if (!schema) return schema.error();
  return load(*schema, dataDir, options);
}

const Schema& Dataset::schema() const {
  return data_->schema;
}

std::size_t Dataset::contactCount() const {
  return data_->store.contacts.rows;
}

std::size_t Dataset::eventCount() const {
  return data_->store.eventCount();
}

std::optional<std::size_t> Dataset::eventCount(const std::string& type) const {
  int index = data_->store.schema.eventIndex(type);
  if (index < 0) return std::nullopt;
  return data_->store.events[static_cast<std::size_t>(index)].rows;
}

bool Dataset::fromSnapshot() const {
  return data_->snapshot;
}

const std::string& Dataset::loadReport() const {
  return data_->loadReport;
}

std::uint64_t Dataset::rejectedRows() const {
  return data_->rejectedRows;
}

std::optional<std::size_t> Dataset::findContact(std::string_view key) const {
  detail::DatasetData::ContactIndex& index = *data_->contactIndex;
  std::call_once(index.once, [&] { index.keys = runtime::live::indexKeys(data_->store); });
  std::optional<std::uint32_t> row = index.keys->find(key);
  if (!row) return std::nullopt;
  return *row;
}

Expected<std::optional<std::string>> Dataset::fieldText(std::string_view field, std::size_t row,
                                                        bool revealPii) const {
  const runtime::Store& store = data_->store;
  int index = store.schema.contactFieldIndex(field);
  if (index < 0) {
    std::vector<std::string> names;
    for (const runtime::ColumnSpec& spec : store.schema.contactFields)
      names.push_back(spec.name);
    std::string message = fmt::format("the schema has no contact field named '{}'", field);
    if (auto close = base::closestName(std::string(field), names))
      message += fmt::format("; did you mean '{}'?", *close);
    return Error(ErrorCode::NotFound, std::move(message));
  }
  if (row >= store.contacts.rows)
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("row {} is past the last contact row ({})", row,
                             store.contacts.rows == 0 ? std::string("there are none")
                                                      : std::to_string(store.contacts.rows - 1)));
  const runtime::ColumnSpec& spec = store.schema.contactFields[static_cast<std::size_t>(index)];
  std::optional<std::string> text =
      report::contactValueText(store, static_cast<std::size_t>(index), row);
  if (text && spec.isPii && !revealPii) text = report::maskPii(*text, spec.kind);
  return text;
}

const std::vector<std::string>& Dataset::bindNotes() const {
  return data_->bindNotes;
}

} // namespace seg
