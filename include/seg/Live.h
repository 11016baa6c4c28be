// seg::LiveDataset: a snapshot that takes changes (contacts upserted, events appended), each
// batch durable in the snapshot's change log before it counts; and seg::Deltas: who entered
// and left each segment since the evaluation recorded with the data before. One writer per
// data set at a time (a lock file); readers (Dataset::open, `seg run`) see every accepted batch.
#pragma once

#include "seg/Dataset.h"
#include "seg/Error.h"
#include "seg/Program.h"
#include "seg/Result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

enum class ChangeKind { Contacts, Events };

// Rows in a layout `seg import` reads. Contacts are upserts: the key column names the contact;
// an existing one gets the fields the rows have columns for (an empty value sets null), a new
// key adds a contact. Events need `contact_id` and `at`, and a type: `type`, a `type` column,
// or the name's stem ("purchase.csv").
struct Change {
  ChangeKind kind = ChangeKind::Events;
  std::string name; // for messages; ".ndjson", ".jsonl" or ".json" means NDJSON, else CSV
  std::string type; // events: the event type of every row
  std::string text;
};

// A file read into a Change (named by its path).
Expected<Change> readChange(ChangeKind kind, const std::string& path, const std::string& type = {});

struct ApplyReport {
  std::uint64_t sequence = 0; // the batch's record in the change log
  std::uint64_t eventsAppended = 0;
  std::uint64_t contactsCreated = 0;
  std::uint64_t contactsUpdated = 0;
  std::string loadReport; // the loader's per-file summary
};

struct SegmentDelta {
  std::string name;                   // a segment, or a partition's branch ("lifecycle.active")
  std::vector<std::uint32_t> entered; // contact rows, ascending
  std::vector<std::uint32_t> left;
  std::uint64_t members = 0;
  // Every member now: bit r (word r/64, bit r%64) set for contact row r.
  std::shared_ptr<const std::vector<std::uint64_t>> bitmap;
  bool contains(std::size_t row) const {
    return row / 64 < bitmap->size() && (((*bitmap)[row / 64] >> (row % 64)) & 1u) != 0;
  }
};

struct Deltas {
  std::uint64_t evaluation = 0; // 1 for the first evaluation recorded with the data, then +1
  std::int64_t nowMicros = 0;
  std::optional<std::int64_t> previousNowMicros; // none for the first evaluation
  std::vector<SegmentDelta> segments;            // segments, then partition branches
  std::uint64_t contacts = 0;
  // How it was evaluated: "full" (and why) or "incremental: N contacts re-evaluated".
  std::string method;
  // For full evaluations: the data and the whole run's result (scores, metrics). An
  // incremental evaluation re-ran only the changed contacts, so it has neither.
  std::optional<Dataset> dataset;
  std::optional<Result> result;

  // Contact row `row`'s key as `seg run --members` writes it (a pii key masked unless
  // `revealPii`); nullopt past the last row.
  std::optional<std::string> key(std::size_t row, bool revealPii = false) const;
  std::shared_ptr<const void> keys; // internal: where key() reads

  // {"evaluation": N, "now": "...", "previous_now": ..., "contacts": N, "segments": {"NAME":
  // {"entered": [keys], "left": [keys], "members": N}}}: keys as `seg run --members` writes
  // them (a `pii` key masked unless `revealPii`).
  std::string toJson(bool revealPii = false) const;
  // One line per segment with changes (and a count line for the others).
  std::string toTable(bool revealPii = false) const;

  // The memberships LiveDataset::record writes (internal to libseg).
  std::shared_ptr<const void> recording;
};

struct CompactReport {
  std::uint64_t batches = 0; // log records folded into the new snapshot
  std::uint64_t contacts = 0;
  std::uint64_t events = 0;
  std::uint64_t snapshotBytes = 0;
};

struct LiveOptions {
  unsigned threads = 0;          // 0: one per core
  double lockWaitSeconds = 30;   // how long to wait for another writer of the data set
  std::uint64_t compactBytes = 256ull << 20; // advance() compacts once the log is this big (0: never)
};

class LiveDataset {
public:
  // Opens the snapshot and replays its change log; takes the data set's writer lock.
  static Expected<LiveDataset> open(const std::string& snapshotPath, const LiveOptions& options = {});
  ~LiveDataset();
  LiveDataset(LiveDataset&&) noexcept;
  LiveDataset& operator=(LiveDataset&&) noexcept;

  // Checks the whole batch (contacts first, so events may name contacts it creates); any
  // rejected row is an error carrying the loader's report, and nothing is applied. On success
  // the batch is in the change log, synced to disk, before this returns.
  Expected<ApplyReport> apply(const std::vector<Change>& batch);
  // The data as it is now (every accepted batch).
  Dataset dataset() const;
  // The row of the contact whose key is `key` (int keys in decimal), as the data is now.
  std::optional<std::size_t> findContact(std::string_view key) const;
  // What the change log held when opened ("change log: 3 batches (…)"); empty when none.
  const std::string& replayNote() const;
  std::uint64_t logBytes() const;

  // Runs `program` (at options.now) and returns who entered and left each segment and
  // partition branch since the evaluation recorded with the data (every member entered, if
  // none), then records this one, durably: evaluate() + record().
  Expected<Deltas> advance(const Program& program, const RunOptions& options = {});
  // The two halves, for callers that must keep the deltas somewhere durable before the
  // evaluation counts as recorded (a service's delta history).
  Expected<Deltas> evaluate(const Program& program, const RunOptions& options = {}) const;
  Expected<std::uint64_t> record(const Deltas& deltas);

  // Folds the change log into a new snapshot, switched in atomically; the log starts over.
  Expected<CompactReport> compact();

  struct State;
  explicit LiveDataset(std::unique_ptr<State> state);

private:
  std::unique_ptr<State> state_;
};

} // namespace seg
