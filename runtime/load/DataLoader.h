// Loads a data set (a contacts file and event files, CSV or NDJSON) into a Store, or
// reports why not: every rejected row, per-file counts, and the error budget.
#pragma once

#include "EventLoader.h"
#include "LoadReport.h"
#include "store/Store.h"

#include <optional>
#include <string>
#include <vector>

namespace seg::runtime {

struct LoadOptions {
  std::string contactsPath;
  std::vector<EventInput> events;
  EventColumns columns;
  // Rejected rows tolerated; past it nothing is loaded (0: any bad row fails the load).
  std::uint64_t maxErrors = 0;
  unsigned threads = 0; // 0: one per core
  bool progress = false;
};

struct LoadResult {
  std::optional<Store> store; // empty when the load failed
  LoadReport report;
};

LoadResult loadData(const StoreSchema& schema, const LoadOptions& options);

// "purchase=events/p.csv" → {path, type}; a plain path has no type.
EventInput parseEventArgument(const std::string& argument);

// Finds contacts.{csv,ndjson,jsonl} and the event files (events.* or <type>.*) in `dir`.
std::optional<std::string> findDataFiles(const std::string& dir, const StoreSchema& schema,
                                         LoadOptions& options);

} // namespace seg::runtime
