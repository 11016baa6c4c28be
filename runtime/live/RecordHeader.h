// The fields that open both an evaluation record (X.segdb.watch) and each of its journal
// entries: the evaluation's number, its `now`, the contact count, the log sequence and how
// many memberships follow.
#pragma once

#include "ByteCoding.h"
#include "EvaluationRecord.h"

#include <cstdint>
#include <string>

namespace seg::runtime::live {

inline void putRecordHeader(std::string& out, const EvaluationRecord& record) {
  putU64(out, record.evaluation);
  putU64(out, static_cast<std::uint64_t>(record.nowMicros));
  putU64(out, record.contacts);
  putU64(out, record.logSequence);
  putU64(out, record.members.size());
}

// The header into `record` (its members left alone) and the count of memberships that
// follow; false when the bytes end first.
inline bool readRecordHeader(ByteReader& reader, EvaluationRecord& record,
                             std::uint64_t& memberCount) {
  std::uint64_t now = 0;
  if (!reader.u64(record.evaluation) || !reader.u64(now) || !reader.u64(record.contacts) ||
      !reader.u64(record.logSequence) || !reader.u64(memberCount))
    return false;
  record.nowMicros = static_cast<std::int64_t>(now);
  return true;
}

} // namespace seg::runtime::live
