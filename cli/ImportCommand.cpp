// `seg import`: loads CSV/NDJSON data (or a PostgreSQL server's tables, copied out as CSV
// for the same loader) against a program's schema and writes a snapshot.
#include "Commands.h"
#include "Inputs.h"
#include "load/DataLoader.h"
#include "load/RejectWriter.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/SnapshotReader.h"
#include "snapshot/SnapshotWriter.h"
#include "store/StoreCompare.h"
#include "store/StoreSchema.h"
#include "warehouse/PgSession.h"
#include "warehouse/PostgresImport.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace seg::cli {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A private temporary folder, removed with everything in it when the import ends.
struct TemporaryFolder {
  std::string path;
  TemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "seg-import-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
};

// The report names the copied tables as "<table>.csv", without the temporary folder.
std::string withoutFolder(std::string text, const std::string& folder) {
  const std::string prefix = folder + "/";
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
    text.erase(at, prefix.size());
  return text;
}

} // namespace

std::optional<runtime::StoreSchema> schemaFromProgram(const std::vector<std::string>& files,
                                                      ColorMode color) {
  Compilation compilation = compile(inputsFrom(files));
  if (!compilation.ok()) {
    printDiagnostics(compilation, color);
    return std::nullopt;
  }
  if (compilation.program->schema.keyField < 0) {
    std::fprintf(stderr, "seg: the program declares no schema with a contact key\n");
    return std::nullopt;
  }
  return storeSchemaOf(compilation.program->schema);
}

int runImport(const ImportOptions& options) {
  auto start = std::chrono::steady_clock::now();
  std::optional<runtime::StoreSchema> schema =
      schemaFromProgram(options.schemaFiles, options.color);
  if (!schema) return 1;

  runtime::LoadOptions load;
  std::optional<TemporaryFolder> copied;
  if (!options.from.empty()) {
    if (!warehouse::isPostgresDsn(options.from)) {
      std::fprintf(stderr,
                   "seg import: --from: '%s' is not a postgres://USER@HOST:PORT/DB address\n",
                   options.from.c_str());
      return 2;
    }
    if (!options.dataDir.empty() || !options.contacts.empty() || !options.events.empty()) {
      std::fprintf(stderr, "seg import: --from reads the server's tables, not --data, --contacts "
                           "or --events\n");
      return 2;
    }
    copied.emplace();
    if (copied->path.empty()) {
      std::fprintf(stderr, "seg import: cannot create a temporary folder\n");
      return 1;
    }
    if (auto error = warehouse::copyPostgresTables(
            options.from, *schema, {options.contactsTable, options.eventsTablePrefix}, copied->path,
            load)) {
      std::fprintf(stderr, "seg import: %s\n", error->c_str());
      return 1;
    }
  }
  if (!options.dataDir.empty()) {
    if (auto error = runtime::findDataFiles(options.dataDir, *schema, load)) {
      std::fprintf(stderr, "seg import: %s\n", error->c_str());
      return 2;
    }
  }
  if (!options.contacts.empty()) load.contactsPath = options.contacts;
  for (const std::string& e : options.events)
    load.events.push_back(runtime::parseEventArgument(e));
  if (load.contactsPath.empty()) {
    std::fprintf(stderr, "seg import: no contacts file: pass --contacts FILE or --data DIR\n");
    return 2;
  }
  if (!copied) load.columns.contactId = options.contactIdColumn;
  load.maxErrors = options.maxErrors;
  load.threads = options.threads;
  load.progress = isatty(STDERR_FILENO) != 0;

  runtime::LoadResult result = runtime::loadData(*schema, load);
  std::fputs(copied ? withoutFolder(result.report.render(), copied->path).c_str()
                    : result.report.render().c_str(),
             stderr);
  if (!options.rejectsDir.empty() && result.report.rejectedCount() > 0) {
    if (auto error = runtime::writeRejects(result.report, options.rejectsDir))
      std::fprintf(stderr, "seg import: %s\n", error->c_str());
    else
      std::fprintf(stderr, "rejected rows written to %s/\n", options.rejectsDir.c_str());
  }
  if (!result.store) {
    if (!result.report.hasFatal())
      std::fprintf(stderr,
                   "seg import: %s rejected rows, more than --max-errors %llu: nothing was "
                   "written\n",
                   runtime::withThousands(result.report.rejectedCount()).c_str(),
                   static_cast<unsigned long long>(options.maxErrors));
    else
      std::fprintf(stderr, "seg import: nothing was written\n");
    return 1;
  }
  double loadSeconds = secondsSince(start);
  const runtime::Store& store = *result.store;

  auto writeStart = std::chrono::steady_clock::now();
  if (auto error = runtime::writeSnapshot(store, options.output)) {
    std::fprintf(stderr, "seg import: %s\n", error->c_str());
    return 1;
  }
  double writeSeconds = secondsSince(writeStart);
  if (options.verify) {
    runtime::SnapshotResult reopened = runtime::openSnapshot(options.output, &*schema, true);
    if (!reopened.store) {
      std::fprintf(stderr, "seg import: verification failed: %s\n", reopened.error.c_str());
      return 1;
    }
    if (auto difference = runtime::firstDifference(store, *reopened.store)) {
      std::fprintf(stderr,
                   "seg import: verification failed: the snapshot differs from the "
                   "loaded data: %s\n",
                   difference->c_str());
      return 1;
    }
  }
  std::error_code ec;
  auto bytes = std::filesystem::file_size(options.output, ec);
  std::size_t contacts = store.contacts.rows;
  std::size_t events = store.eventCount();
  fmt::print("wrote {}: {} contacts, {} events, {:.1f} MB{} (load {:.1f} s, write {:.1f} s)\n",
             options.output, runtime::withThousands(contacts), runtime::withThousands(events),
             bytes / 1e6, options.verify ? ", verified value for value" : "", loadSeconds,
             writeSeconds);
  fmt::print("memory: {:.0f} bytes per contact, {:.1f} bytes per event\n",
             contacts ? static_cast<double>(store.contactBytes()) / contacts : 0.0,
             events ? static_cast<double>(store.eventBytes()) / events : 0.0);
  return 0;
}

} // namespace seg::cli
