#include "Replay.h"

#include <fmt/format.h>

namespace seg::runtime::live {

Replayed replay(std::shared_ptr<const Store> snapshot, LogContents log, unsigned threads) {
  Replayed out;
  out.store.emplace(std::move(snapshot));
  for (const LogRecord& record : log.records) {
    std::optional<ChangeBatch> batch = decodeBatch(record.payload);
    if (!batch) {
      out.error = fmt::format("change log record {} cannot be decoded", record.sequence);
      out.store.reset();
      return out;
    }
    LoadReport report;
    std::optional<ApplyCounts> counts = out.store->apply(*batch, threads, report);
    if (!counts) {
      out.error = fmt::format("change log record {} no longer applies:\n{}", record.sequence,
                              report.render());
      out.store.reset();
      return out;
    }
    out.applied.contactsCreated += counts->contactsCreated;
    out.applied.contactsUpdated += counts->contactsUpdated;
    out.applied.eventsAppended += counts->eventsAppended;
  }
  out.log = std::move(log);
  return out;
}

Replayed openWithLog(const std::string& snapshotPath, std::shared_ptr<const Store> snapshot,
                     unsigned threads) {
  Replayed out;
  auto identity = snapshotIdentity(snapshotPath);
  if (auto* error = std::get_if<std::string>(&identity)) {
    out.error = *error;
    return out;
  }
  auto log = readLog(snapshotPath, std::get<SnapshotIdentity>(identity));
  if (auto* error = std::get_if<std::string>(&log)) {
    out.error = *error;
    return out;
  }
  LogContents& contents = std::get<LogContents>(log);
  if (contents.records.empty()) {
    // Nothing to apply (every snapshot without live changes): no live store to build.
    out.log = std::move(contents);
    out.identity = std::get<SnapshotIdentity>(identity);
    out.snapshot = std::move(snapshot);
    return out;
  }
  out = replay(std::move(snapshot), std::move(contents), threads);
  out.identity = std::get<SnapshotIdentity>(identity);
  return out;
}

std::string describeReplay(const Replayed& replayed) {
  const std::size_t batches = replayed.log.records.size();
  return fmt::format("change log: {} batch{} ({} events, {} new and {} changed contacts)", batches,
                     batches == 1 ? "" : "es", replayed.applied.eventsAppended,
                     replayed.applied.contactsCreated, replayed.applied.contactsUpdated);
}

} // namespace seg::runtime::live
