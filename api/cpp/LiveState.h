// What seg::LiveDataset keeps between calls (the change log's writer, the live store, the
// last evaluation) and what evaluate() hands record(): shared by LiveApi.cpp and
// LiveEvaluate.cpp, private to the library.
#pragma once

#include "Detail.h"
#include "LiveRanks.h"
#include "live/ChangeLog.h"
#include "live/ChangeTimes.h"
#include "live/EvaluationRecord.h"
#include "live/LiveStore.h"
#include "live/TimeDependence.h"
#include "seg/Live.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg {

namespace live = runtime::live;

struct LiveDataset::State {
  std::string path;
  LiveOptions options;
  std::optional<live::LogWriter> writer;
  std::optional<live::LiveStore> store;
  std::optional<Schema> schema;
  std::string replayNote;
  mutable std::shared_ptr<const runtime::Store> datasetStore; // what `dataset` was made of
  mutable std::optional<Dataset> dataset;
  // The last evaluation this process recorded, and the contacts changed since: what lets
  // the next one re-evaluate only those.
  struct LastEvaluation {
    const void* program = nullptr;
    std::uint64_t evaluation = 0;
    std::int64_t nowMicros = 0;
    std::vector<std::string> selection;  // the segments and partitions evaluated
    std::vector<std::string> ranked;     // those of them that read a rank (ntile)
    std::vector<std::string> rankedKept; // of those, the ones whose ranks `ranks` keeps
    std::shared_ptr<const detail::RankState> ranks;
    std::vector<std::string> timed;   // those of them that read `now`
    std::vector<std::string> untimed; // of those, the ones the timer cannot follow
    // The timer of the others: per contact row, the first moment ≥ nowMicros at which one of
    // their values may change (live::nextChanges), and the probes it was made from.
    live::TimeDependence timer;
    std::shared_ptr<const std::vector<std::int64_t>> nextChange;
    std::vector<std::string> names; // segments and partition branches, in report order
    std::vector<std::shared_ptr<std::vector<std::uint64_t>>> bits;
  };
  std::shared_ptr<const LastEvaluation> last;
  std::vector<std::uint32_t> touched; // ascending
  // The record this process wrote last: what the file holds (the lock keeps other writers
  // out), so the next evaluation need not read it back.
  std::shared_ptr<const runtime::live::EvaluationRecord> written;
};

// What evaluate() hands record(): the file's record and the in-memory evaluation.
struct Recording {
  std::shared_ptr<const runtime::live::EvaluationRecord> record;
  std::shared_ptr<const LiveDataset::State::LastEvaluation> last;
};

// A data set over one of the live store's views (merged, or a few contacts of it).
std::shared_ptr<detail::DatasetData> liveData(const Schema& schema, runtime::Store store);

} // namespace seg
