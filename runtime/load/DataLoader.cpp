#include "DataLoader.h"

#include "ContactLoader.h"
#include "snapshot/MappedFile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <thread>

namespace seg::runtime {
namespace {

std::string_view textOf(const MappedFile& file) {
  return {reinterpret_cast<const char*>(file.data()), file.size()};
}

} // namespace

EventInput parseEventArgument(const std::string& argument) {
  std::size_t eq = argument.find('=');
  if (eq == std::string::npos || eq == 0) return {argument, ""};
  // Only an identifier before '=' is a type; a path may contain '=' too.
  std::string type = argument.substr(0, eq);
  for (char c : type)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return {argument, ""};
  return {argument.substr(eq + 1), type};
}

std::optional<std::string> findDataFiles(const std::string& dir, const StoreSchema& schema,
                                         LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fmt::format("'{}' is not a directory", dir);
  for (const char* name : {"contacts.csv", "contacts.ndjson", "contacts.jsonl"})
    if (fs::exists(fs::path(dir) / name, ec)) {
      options.contactsPath = (fs::path(dir) / name).string();
      break;
    }
  if (options.contactsPath.empty())
    return fmt::format("no contacts file in '{}' (expected contacts.csv or contacts.ndjson)", dir);
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string stem = entry.path().stem().string();
    std::string ext = entry.path().extension().string();
    if (ext != ".csv" && ext != ".ndjson" && ext != ".jsonl") continue;
    if (stem == "events" || schema.eventIndex(stem) >= 0) found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  for (const std::string& path : found)
    options.events.push_back({path, ""});
  return std::nullopt;
}

LoadResult loadData(const StoreSchema& schema, const LoadOptions& options) {
  LoadResult result;
  LoadReport& report = result.report;
  if (schema.keyField < 0) {
    report.fatal("the schema has no contact key");
    return result;
  }
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  LoadProgress progress(options.progress);

  MappedFileResult contactsFile = MappedFile::open(options.contactsPath);
  if (!contactsFile.file) {
    report.fatal(fmt::format("{}: {}", options.contactsPath, contactsFile.error));
    return result;
  }
  LoadedContacts contacts;
  if (!loadContacts(schema, options.contactsPath, textOf(*contactsFile.file), report, contacts,
                    progress))
    return result;

  EventAccumulator events(schema);
  for (const EventInput& input : options.events) {
    MappedFileResult file = MappedFile::open(input.path);
    if (!file.file) {
      report.fatal(fmt::format("{}: {}", input.path, file.error));
      continue;
    }
    events.load(input, textOf(*file.file), *contacts.keys, options.columns, threads, report,
                progress);
  }
  if (report.hasFatal()) return result;
  if (report.rejectedCount() > options.maxErrors) return result; // nothing half-loaded

  Store store;
  store.schema = schema;
  store.contacts = std::move(contacts.table);
  store.events = events.finish(store.contacts.rows);
  result.store = std::move(store);
  return result;
}

} // namespace seg::runtime
