// Recorded evaluations as differences: a data set kept open appends each evaluation's entered
// and left rows to a journal beside the record (X.segdb.watch-journal) instead of rewriting
// every membership bitmap, so recording one syncs kilobytes instead of megabytes.
#pragma once

#include "EvaluationRecord.h"

#include <optional>
#include <string>

namespace seg::runtime::live {

inline std::string journalPathOf(const std::string& snapshotPath) {
  return snapshotPath + ".watch-journal";
}

// Appends `record` as its difference from `previous` — the evaluation the record and its
// journal hold now — and syncs it. An error says why not (the journal grew too large, or the
// difference would not be smaller than the record); the journal may then end in a torn
// entry, so the caller writes the whole record (writeEvaluation), which starts it over.
std::optional<std::string> appendEvaluation(const std::string& snapshotPath,
                                            const EvaluationRecord& previous,
                                            const EvaluationRecord& record);

// `base`, the whole record just read, brought up to date with the journal entries that follow
// it (each the next evaluation). A torn last entry is dropped, as the change log's is; a
// complete entry that fails its checksum is an error.
std::optional<std::string> applyJournal(const std::string& snapshotPath, EvaluationRecord& base);

// Deletes the journal, durably: a whole record was written, which holds everything in it.
std::optional<std::string> removeJournal(const std::string& snapshotPath);

} // namespace seg::runtime::live
