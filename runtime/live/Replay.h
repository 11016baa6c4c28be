// A snapshot with its change log applied: what every reader of a live data set sees (seg
// run, the API's Dataset::open), and where a writer starts from.
#pragma once

#include "ChangeLog.h"
#include "LiveStore.h"

#include <optional>
#include <string>

namespace seg::runtime::live {

struct Replayed {
  std::optional<LiveStore> store;        // empty: `error` says why, or (openWithLog) no records
  std::shared_ptr<const Store> snapshot; // openWithLog without records: the snapshot as it is
  LogContents log;
  SnapshotIdentity identity;
  ApplyCounts applied; // summed over the log's records
  std::string error;
};

// Applies `log`'s records to `snapshot` in order. A record that no longer applies (the
// loader rejects a row of it) is an error naming the record: the log is never half-used.
Replayed replay(std::shared_ptr<const Store> snapshot, LogContents log, unsigned threads);

// Reads the log beside `snapshotPath` (read-only) and replays it onto `snapshot`; with no
// records, hands `snapshot` back in `snapshot` and builds no live store.
Replayed openWithLog(const std::string& snapshotPath, std::shared_ptr<const Store> snapshot,
                     unsigned threads);

// "change log: 3 batches (1,204 events, 2 new and 5 changed contacts)".
std::string describeReplay(const Replayed& replayed);

} // namespace seg::runtime::live
