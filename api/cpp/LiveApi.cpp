// seg::LiveDataset: the change log's writer, the live store, and evaluations recorded with the
// data so each one reports who entered and left since the one before.
#include "Detail.h"
#include "LiveState.h"
#include "live/EvaluationJournal.h"
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
#include <fmt/ranges.h>
#include <fstream>
#include <iterator>
#include <sstream>

namespace seg {

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

} // namespace

// A data set over one of the live store's views (merged, or a few contacts of it).
std::shared_ptr<detail::DatasetData> liveData(const Schema& schema, runtime::Store store) {
  return std::make_shared<detail::DatasetData>(
      detail::DatasetData{schema,
                          std::move(store),
                          true,
                          "",
                          0,
                          {},
                          {},
                          std::make_shared<detail::DatasetData::ContactIndex>()});
}

Expected<Change> readChange(ChangeKind kind, const std::string& path, const std::string& type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::Data, fmt::format("{}: {}", path, std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  return Change{kind, path, type, text.str()};
}

LiveDataset::LiveDataset(std::unique_ptr<State> state) : state_(std::move(state)) {}
LiveDataset::~LiveDataset() = default;
LiveDataset::LiveDataset(LiveDataset&&) noexcept = default;
LiveDataset& LiveDataset::operator=(LiveDataset&&) noexcept = default;

Expected<LiveDataset> LiveDataset::open(const std::string& snapshotPath,
                                        const LiveOptions& options) {
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
  std::vector<std::uint32_t> touched = state_->store->takeTouched();
  std::vector<std::uint32_t> merged;
  std::set_union(state_->touched.begin(), state_->touched.end(), touched.begin(), touched.end(),
                 std::back_inserter(merged));
  state_->touched = std::move(merged);
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
    auto data = liveData(*state_->schema, *store);
    state_->dataset = Dataset(std::move(data));
    state_->datasetStore = store;
  }
  return *state_->dataset;
}

std::optional<std::size_t> LiveDataset::findContact(std::string_view key) const {
  std::optional<std::uint32_t> row = state_->store->findContact(key);
  if (!row) return std::nullopt;
  return *row;
}

const std::string& LiveDataset::replayNote() const {
  return state_->replayNote;
}

std::uint64_t LiveDataset::logBytes() const {
  return state_->writer->bytes();
}

Expected<std::uint64_t> LiveDataset::record(const Deltas& deltas) {
  const auto* recording = static_cast<const Recording*>(deltas.recording.get());
  if (recording == nullptr)
    return Error(ErrorCode::InvalidArgument, "these deltas were not made by LiveDataset::evaluate");
  // After a record this process wrote, only the difference is appended (a new process, or a
  // failed append, writes the whole record, which starts the journal over).
  const bool appended = state_->written &&
                        !live::appendEvaluation(state_->path, *state_->written, *recording->record);
  if (!appended) {
    std::optional<std::string> error = live::writeEvaluation(state_->path, *recording->record);
    if (!error) error = live::removeJournal(state_->path);
    if (error) {
      state_->written.reset(); // the next evaluation reads back what the files hold
      return Error(ErrorCode::Data, *error);
    }
  }
  // From here on the next evaluation may start from this one: only later changes count.
  state_->written = recording->record;
  state_->last = recording->last;
  state_->touched.clear();
  return recording->record->evaluation;
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
