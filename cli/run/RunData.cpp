#include "run/RunData.h"

#include "load/DataLoader.h"
#include "snapshot/SchemaDiff.h"
#include "snapshot/SnapshotReader.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace seg::cli::run {
namespace {

OpenedData loadFolder(const DataRequest& request, const runtime::StoreSchema& schema) {
  runtime::LoadOptions load;
  if (auto error = runtime::findDataFiles(request.path, schema, load)) {
    fmt::print(stderr, "seg run: {}\n", *error);
    return {};
  }
  load.maxErrors = request.maxErrors;
  load.threads = request.threads;
  load.progress = isatty(STDERR_FILENO) != 0;
  runtime::LoadResult result = runtime::loadData(schema, load);
  std::fputs(result.report.render().c_str(), stderr);
  if (!result.store) {
    if (!result.report.hasFatal())
      fmt::print(stderr, "seg run: {} rejected rows, more than --max-errors {}\n",
                 runtime::withThousands(result.report.rejectedCount()), request.maxErrors);
    return {};
  }
  return {std::move(result.store), false};
}

} // namespace

OpenedData openData(const DataRequest& request, const runtime::StoreSchema& schema) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(request.path, ec);
  if (!fs::exists(status)) {
    fmt::print(stderr,
               "seg run: no data at '{}': pass a snapshot (seg import) or a folder "
               "with contacts.csv\n",
               request.path);
    return {};
  }
  if (fs::is_directory(status)) return loadFolder(request, schema);
  // Opened without the expected schema so a mismatch can be told apart and explained.
  runtime::SnapshotResult opened = runtime::openSnapshot(request.path, nullptr, false);
  if (!opened.store) {
    fmt::print(stderr, "seg run: {}\n", opened.error);
    return {};
  }
  if (auto difference = runtime::schemaDifference(opened.store->schema, schema)) {
    fmt::print(stderr,
               "seg run: the schema of snapshot '{}' differs from the program's: {}\n"
               "  = hint: import the data again with this program's schema (seg import "
               "--schema …)\n",
               request.path, *difference);
    return {};
  }
  return {std::move(opened.store), true};
}

} // namespace seg::cli::run
