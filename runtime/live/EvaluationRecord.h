// The memberships of the last live evaluation, kept beside the data (X.segdb.watch), so the
// next one — in this process or another — reports who entered and left since.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace seg::runtime::live {

struct RecordedMembers {
  std::string name; // a segment, or "partition.branch"
  std::vector<std::uint64_t> words; // bit r: contact row r was a member
};

struct EvaluationRecord {
  std::uint64_t evaluation = 0; // 1 for the first evaluation of a data set, then +1 each
  std::int64_t nowMicros = 0;
  std::uint64_t contacts = 0;
  std::uint64_t logSequence = 0; // the change log's next sequence when it was evaluated
  std::vector<RecordedMembers> members;
};

inline std::string evaluationPathOf(const std::string& snapshotPath) {
  return snapshotPath + ".watch";
}

// nullopt when no evaluation was recorded; an error when the file is damaged.
std::variant<std::optional<EvaluationRecord>, std::string>
readEvaluation(const std::string& snapshotPath);
// Replaces the record durably (a crash leaves the old one or the new).
std::optional<std::string> writeEvaluation(const std::string& snapshotPath,
                                           const EvaluationRecord& record);

} // namespace seg::runtime::live
