// `seg info`: opens a snapshot and describes it: schema, row counts, memory, open time.
#include "Commands.h"
#include "Inputs.h"
#include "load/LoadReport.h"
#include "snapshot/SnapshotReader.h"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

std::optional<runtime::StoreSchema> schemaFromProgram(const std::vector<std::string>& files,
                                                      ColorMode color);

int runInfo(const InfoOptions& options) {
  std::optional<runtime::StoreSchema> expected;
  if (!options.schemaFiles.empty()) {
    expected = schemaFromProgram(options.schemaFiles, options.color);
    if (!expected) return 1;
  }
  auto start = std::chrono::steady_clock::now();
  runtime::SnapshotResult opened =
      runtime::openSnapshot(options.snapshot, expected ? &*expected : nullptr, options.verify);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!opened.store) {
    std::fprintf(stderr, "seg info: %s\n", opened.error.c_str());
    return 1;
  }
  const runtime::Store& store = *opened.store;
  using runtime::withThousands;
  fmt::print("{}: opened in {:.1f} ms{}\n", options.snapshot, ms,
             options.verify ? " (every checksum verified)" : "");
  fmt::print("contacts: {} ({} batches of {})\n", withThousands(store.contacts.rows),
             withThousands(store.batchCount()), runtime::kBatchRows);
  for (std::size_t e = 0; e < store.events.size(); ++e)
    fmt::print("  {:<16} {:>14} events\n", store.schema.events[e].name,
               withThousands(store.events[e].rows));
  std::size_t contacts = store.contacts.rows, events = store.eventCount();
  fmt::print("memory: {:.1f} MB of contacts ({:.0f} B each), {:.1f} MB of events ({:.1f} B "
             "each)\n",
             store.contactBytes() / 1e6,
             contacts ? static_cast<double>(store.contactBytes()) / contacts : 0.0,
             store.eventBytes() / 1e6,
             events ? static_cast<double>(store.eventBytes()) / events : 0.0);
  if (options.showSchema) fmt::print("schema:\n{}", store.schema.describe());
  return 0;
}

} // namespace seg::cli
