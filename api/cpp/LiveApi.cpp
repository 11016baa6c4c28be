// seg::LiveDataset: the change log's writer, the live store, and evaluations recorded with the
// data so each one reports who entered and left since the one before.
#include "Detail.h"
#include "live/EvaluationRecord.h"
#include "live/Replay.h"
#include "seg/Live.h"
#include "snapshot/SnapshotReader.h"
#include "snapshot/SnapshotWriter.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

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
};

namespace {

// The snapshot mapped, then every record of the writer's log applied.
std::optional<std::string> loadStore(LiveDataset::State& state) {
  runtime::SnapshotResult opened = runtime::openSnapshot(state.path, nullptr, false);
  if (!opened.store) return opened.error;
  live::Replayed replayed =
      live::replay(std::make_shared<const runtime::Store>(std::move(*opened.store)),
                   state.writer->contents(), state.options.threads);
  if (!replayed.store) return replayed.error;
  state.replayNote = replayed.log.records.empty() ? "" : live::describeReplay(replayed);
  if (!state.writer->contents().tornNote.empty())
    state.replayNote += (state.replayNote.empty() ? "" : "\n") + state.writer->contents().tornNote;
  state.store = std::move(replayed.store);
  state.store->takeTouched();
  if (!state.schema) state.schema = Schema(detail::makeSchemaData(state.store->schema()));
  state.dataset.reset();
  return std::nullopt;
}

std::vector<std::uint32_t> rowsOf(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint32_t> rows;
  for (std::size_t w = 0; w < words.size(); ++w)
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      rows.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
  return rows;
}

} // namespace

Expected<Change> readChange(ChangeKind kind, const std::string& path, const std::string& type) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error(ErrorCode::Data, fmt::format("{}: {}", path, std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  return Change{kind, path, type, text.str()};
}

LiveDataset::LiveDataset(std::unique_ptr<State> state) : state_(std::move(state)) {}
LiveDataset::~LiveDataset() = default;
LiveDataset::LiveDataset(LiveDataset&&) noexcept = default;
LiveDataset& LiveDataset::operator=(LiveDataset&&) noexcept = default;

Expected<LiveDataset> LiveDataset::open(const std::string& snapshotPath, const LiveOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(snapshotPath, ec))
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("'{}' is not a snapshot: live changes go to a snapshot made by "
                             "`seg import`",
                             snapshotPath));
  auto identity = live::snapshotIdentity(snapshotPath);
  if (auto* error = std::get_if<std::string>(&identity)) return Error(ErrorCode::Data, *error);
  auto writer = live::LogWriter::open(snapshotPath, std::get<live::SnapshotIdentity>(identity),
                                      options.lockWaitSeconds);
  if (auto* error = std::get_if<std::string>(&writer)) return Error(ErrorCode::Data, *error);
  auto state = std::make_unique<State>();
  state->path = snapshotPath;
  state->options = options;
  state->writer.emplace(std::move(std::get<live::LogWriter>(writer)));
  if (auto error = loadStore(*state)) return Error(ErrorCode::Data, *error);
  return LiveDataset(std::move(state));
}

Expected<ApplyReport> LiveDataset::apply(const std::vector<Change>& batch) {
  live::ChangeBatch changes;
  for (const Change& change : batch)
    changes.parts.push_back({change.kind == ChangeKind::Contacts ? live::ChangeKind::Contacts
                                                                 : live::ChangeKind::Events,
                             change.name, change.type, change.text});
  if (changes.parts.empty()) return Error(ErrorCode::InvalidArgument, "no changes given");
  runtime::LoadReport report;
  std::optional<live::ApplyCounts> counts =
      state_->store->apply(changes, state_->options.threads, report);
  if (!counts)
    return Error(ErrorCode::Data,
                 report.render() + "the batch was rejected: nothing of it was applied");
  const std::uint64_t sequence = state_->writer->nextSequence();
  if (auto error = state_->writer->append({live::encodeBatch(changes)})) {
    // Not durable, so not applied: back to what the log holds.
    if (auto reload = loadStore(*state_)) return Error(ErrorCode::Data, *error + "\n" + *reload);
    return Error(ErrorCode::Data, *error);
  }
  state_->dataset.reset();
  ApplyReport out;
  out.sequence = sequence;
  out.eventsAppended = counts->eventsAppended;
  out.contactsCreated = counts->contactsCreated;
  out.contactsUpdated = counts->contactsUpdated;
  out.loadReport = report.render();
  return out;
}

Dataset LiveDataset::dataset() const {
  std::shared_ptr<const runtime::Store> store = state_->store->current();
  if (!state_->dataset || state_->datasetStore != store) {
    auto data = std::make_shared<detail::DatasetData>(
        detail::DatasetData{*state_->schema, *store, true, "", 0, {}, {},
                            std::make_shared<detail::DatasetData::ContactIndex>()});
    state_->dataset = Dataset(std::move(data));
    state_->datasetStore = store;
  }
  return *state_->dataset;
}

const std::string& LiveDataset::replayNote() const {
  return state_->replayNote;
}

std::uint64_t LiveDataset::logBytes() const {
  return state_->writer->bytes();
}

Expected<Deltas> LiveDataset::evaluate(const Program& program, const RunOptions& options) const {
  auto recorded = live::readEvaluation(state_->path);
  if (auto* error = std::get_if<std::string>(&recorded)) return Error(ErrorCode::Data, *error);
  const std::optional<live::EvaluationRecord>& previous =
      std::get<std::optional<live::EvaluationRecord>>(recorded);
  Dataset data = dataset();
  Expected<Result> result = program.run(data, options);
  if (!result) return result.error();

  auto record = std::make_shared<live::EvaluationRecord>();
  record->evaluation = previous ? previous->evaluation + 1 : 1;
  record->nowMicros = result->nowMicros();
  record->contacts = result->contacts();
  record->logSequence = state_->writer->nextSequence();
  Deltas deltas{record->evaluation, record->nowMicros, {}, {}, *result, data, nullptr};
  if (previous) deltas.previousNowMicros = previous->nowMicros;
  std::vector<std::string> names = result->segmentNames();
  for (const std::string& name : result->partitionNames()) {
    Expected<Partition> partition = result->partition(name);
    for (const Members& branch : partition->branches)
      names.push_back(branch.name());
  }
  for (const std::string& name : names) {
    Members members = *result->segment(name);
    std::span<const std::uint64_t> now = members.bitmap();
    const std::vector<std::uint64_t>* before = nullptr;
    if (previous)
      for (const live::RecordedMembers& r : previous->members)
        if (r.name == name) before = &r.words;
    std::vector<std::uint64_t> entered(now.size()), left(now.size());
    for (std::size_t w = 0; w < now.size(); ++w) {
      const std::uint64_t old = before && w < before->size() ? (*before)[w] : 0;
      entered[w] = now[w] & ~old;
      left[w] = old & ~now[w];
    }
    deltas.segments.push_back({name, rowsOf(entered), rowsOf(left), members.count()});
    record->members.push_back({name, std::vector<std::uint64_t>(now.begin(), now.end())});
  }
  // Definitions this run did not evaluate keep their last recorded members.
  if (previous)
    for (const live::RecordedMembers& r : previous->members)
      if (std::find(names.begin(), names.end(), r.name) == names.end())
        record->members.push_back(r);
  deltas.recording = std::move(record);
  return deltas;
}

Expected<std::uint64_t> LiveDataset::record(const Deltas& deltas) {
  const auto* record = static_cast<const live::EvaluationRecord*>(deltas.recording.get());
  if (record == nullptr)
    return Error(ErrorCode::InvalidArgument, "these deltas were not made by LiveDataset::evaluate");
  if (auto error = live::writeEvaluation(state_->path, *record)) return Error(ErrorCode::Data, *error);
  return record->evaluation;
}

Expected<Deltas> LiveDataset::advance(const Program& program, const RunOptions& options) {
  Expected<Deltas> deltas = evaluate(program, options);
  if (!deltas) return deltas;
  if (Expected<std::uint64_t> recorded = record(*deltas); !recorded) return recorded.error();
  if (state_->options.compactBytes != 0 && logBytes() >= state_->options.compactBytes)
    if (Expected<CompactReport> compacted = compact(); !compacted) return compacted.error();
  return deltas;
}

Expected<CompactReport> LiveDataset::compact() {
  std::shared_ptr<const runtime::Store> store = state_->store->current();
  CompactReport report;
  report.batches = state_->writer->nextSequence() - state_->writer->contents().firstSequence;
  report.contacts = store->contacts.rows;
  report.events = store->eventCount();
  const std::string compacted = state_->path + ".compact";
  if (auto error = runtime::writeSnapshot(*store, compacted)) return Error(ErrorCode::Data, *error);
  std::error_code ec;
  report.snapshotBytes = std::filesystem::file_size(compacted, ec);
  if (auto error = state_->writer->switchTo(compacted)) return Error(ErrorCode::Data, *error);
  // The new snapshot becomes the base: mapped, with an empty log.
  state_->writer->contents().records.clear();
  if (auto error = loadStore(*state_)) return Error(ErrorCode::Data, *error);
  return report;
}

} // namespace seg
