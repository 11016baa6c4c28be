// Opens `seg run --data PATH`: a snapshot file (mapped, checked against the program's
// schema) or a folder of CSV/NDJSON files (loaded strictly, with the load report).
#pragma once

#include "store/Store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace seg::cli::run {

struct DataRequest {
  std::string path;
  unsigned threads = 0;
  std::uint64_t maxErrors = 0;
};

struct OpenedData {
  std::optional<runtime::Store> store; // empty: the reason was printed to stderr
  bool snapshot = false;
};

OpenedData openData(const DataRequest& request, const runtime::StoreSchema& schema);

} // namespace seg::cli::run
