#include "snapshot/DataSource.h"

#include "live/Replay.h"
#include "load/DataLoader.h"
#include "snapshot/SchemaDiff.h"
#include "snapshot/SnapshotReader.h"

#include <filesystem>
#include <fmt/format.h>

namespace seg::runtime {
namespace {

OpenedData loadFolder(const DataRequest& request, const StoreSchema& schema) {
  OpenedData out;
  LoadOptions load;
  if (auto error = findDataFiles(request.path, schema, load)) {
    out.error = *error;
    return out;
  }
  load.maxErrors = request.maxErrors;
  load.threads = request.threads;
  load.progress = request.progress;
  LoadResult result = loadData(schema, load);
  if (!result.store) {
    out.error = result.report.hasFatal()
                    ? std::string("the data could not be loaded (see the load report)")
                    : fmt::format("{} rejected rows, more than --max-errors {}",
                                  withThousands(result.report.rejectedCount()), request.maxErrors);
  }
  out.store = std::move(result.store);
  out.loadReport = std::move(result.report);
  return out;
}

} // namespace

OpenedData openData(const DataRequest& request, const StoreSchema* schema) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(request.path, ec);
  OpenedData out;
  if (!fs::exists(status)) {
    out.error = fmt::format("no data at '{}': pass a snapshot (seg import) or a folder "
                            "with contacts.csv",
                            request.path);
    return out;
  }
  if (fs::is_directory(status)) {
    if (schema == nullptr) {
      out.error =
          fmt::format("'{}' is a folder of data files: loading it needs a schema", request.path);
      return out;
    }
    return loadFolder(request, *schema);
  }
  // Opened without the expected schema so a mismatch can be told apart and explained.
  SnapshotResult opened = openSnapshot(request.path, nullptr, false);
  if (!opened.store) {
    out.error = opened.error;
    return out;
  }
  if (schema != nullptr) {
    if (auto difference = schemaDifference(opened.store->schema, *schema)) {
      out.error = fmt::format("the schema of snapshot '{}' differs from the program's: {}\n"
                              "  = hint: import the data again with this program's schema (seg "
                              "import --schema …)",
                              request.path, *difference);
      out.schemaMismatch = true;
      return out;
    }
  }
  out.snapshot = true;
  if (request.withChangeLog) {
    live::Replayed replayed = live::openWithLog(
        request.path, std::make_shared<const Store>(std::move(*opened.store)), request.threads);
    if (!replayed.error.empty()) {
      out.error = replayed.error;
      return out;
    }
    if (!replayed.store) {
      out.store = *replayed.snapshot;
      return out;
    }
    out.changeLogNote = live::describeReplay(replayed);
    out.store = *replayed.store->current();
    return out;
  }
  out.store = std::move(opened.store);
  return out;
}

} // namespace seg::runtime
