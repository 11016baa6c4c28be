// Opens the data of a run: a snapshot file (mapped, checked against the program's schema)
// or a folder of CSV/NDJSON files (loaded strictly, with the load report). Prints nothing:
// the caller shows the report and the error.
#pragma once

#include "load/LoadReport.h"
#include "store/Store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace seg::runtime {

struct DataRequest {
  std::string path;
  unsigned threads = 0;
  std::uint64_t maxErrors = 0;
  bool progress = false; // a progress line on stderr while loading a folder
  bool withChangeLog = true; // a snapshot's change log (X.segdb.log) applied, if it has one
};

struct OpenedData {
  std::optional<Store> store; // empty: `error` says why
  bool snapshot = false;
  std::optional<LoadReport> loadReport; // when a folder was loaded (or tried)
  std::string error;                    // one or more lines, without a trailing newline
  bool schemaMismatch = false;          // a snapshot of another schema than the one asked for
  std::string changeLogNote;            // what the change log added, when it had records
};

// `schema` null: a snapshot is taken with its own schema; a folder needs one.
OpenedData openData(const DataRequest& request, const StoreSchema* schema);

} // namespace seg::runtime
