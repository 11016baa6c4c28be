// The change log: records come back as written, a torn tail (any prefix of the last record,
// or zeros) is dropped and cut off, damage before the end is an error, a log only belongs to
// its snapshot, one writer at a time, and compaction's switch-over.
#include "live/ChangeLog.h"

#include "CrmChanges.h"
#include "TempDir.h"
#include "TestCompile.h"
#include "live/ChangeBatch.h"
#include "live/EvaluationJournal.h"
#include "live/EvaluationRecord.h"
#include "load/DataLoader.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/SnapshotWriter.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <random>

namespace seg::runtime::live {
namespace {

namespace fs = std::filesystem;

std::string makeSnapshot(const test::TempDir& dir, const std::string& name, std::uint64_t seed) {
  Compilation compilation = test::compileText(test::crmSchema());
  test::CrmChanges model(seed, 4, 8, 1'793'491'200'000'000);
  LoadOptions options;
  options.contactsPath = dir.write(name + "/contacts.csv", model.contactsCsv());
  options.events.push_back({dir.write(name + "/events.csv", model.eventsCsv()), ""});
  LoadResult loaded = loadData(storeSchemaOf(compilation.program->schema), options);
  std::string path = (dir.path() / (name + ".segdb")).string();
  EXPECT_FALSE(writeSnapshot(*loaded.store, path));
  return path;
}

SnapshotIdentity identityOf(const std::string& path) {
  return std::get<SnapshotIdentity>(snapshotIdentity(path));
}

LogContents read(const std::string& snapshot) {
  auto log = readLog(snapshot, identityOf(snapshot));
  EXPECT_TRUE(std::holds_alternative<LogContents>(log)) << std::get<std::string>(log);
  return std::holds_alternative<LogContents>(log) ? std::get<LogContents>(log) : LogContents{};
}

std::string errorOf(const std::string& snapshot) {
  auto log = readLog(snapshot, identityOf(snapshot));
  return std::holds_alternative<std::string>(log) ? std::get<std::string>(log) : "";
}

LogWriter writerFor(const std::string& snapshot) {
  auto writer = LogWriter::open(snapshot, identityOf(snapshot), 1);
  if (auto* error = std::get_if<std::string>(&writer)) ADD_FAILURE() << *error;
  return std::move(std::get<LogWriter>(writer));
}

void flipByte(const std::string& path, std::uint64_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  file.get(c);
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(static_cast<char>(c ^ 0x10));
}

TEST(ChangeLog, RecordsComeBackInOrderWithTheirSequences) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 1);
  EXPECT_TRUE(read(snapshot).records.empty()); // no log yet: an empty one
  {
    LogWriter writer = writerFor(snapshot);
    EXPECT_FALSE(writer.append({"first"}));
    EXPECT_FALSE(writer.append({"second", std::string(5000, 'x')})); // one sync for both
    EXPECT_EQ(writer.nextSequence(), 4u);
  }
  LogContents log = read(snapshot);
  ASSERT_EQ(log.records.size(), 3u);
  EXPECT_EQ(log.records[0].payload, "first");
  EXPECT_EQ(log.records[2].payload, std::string(5000, 'x'));
  EXPECT_EQ(log.records[2].sequence, 3u);
  EXPECT_TRUE(log.tornNote.empty());
}

TEST(ChangeLog, ATornLastRecordIsDroppedAndCutOffWhateverItsLength) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 2);
  const std::string path = logPathOf(snapshot);
  {
    LogWriter writer = writerFor(snapshot);
    ASSERT_FALSE(writer.append({"kept"}));
  }
  const auto whole = fs::file_size(path);
  for (std::uint64_t kept : {1ull, 8ull, 31ull, 32ull, 40ull, 1000ull}) {
    {
      LogWriter writer = writerFor(snapshot);
      ASSERT_FALSE(writer.append({std::string(1200, 'y')}));
    }
    fs::resize_file(path, whole + kept); // a crash part-way through the second record
    LogContents log = read(snapshot);
    ASSERT_EQ(log.records.size(), 1u) << kept;
    EXPECT_NE(log.tornNote.find("incomplete last record"), std::string::npos) << kept;
    LogWriter writer = writerFor(snapshot); // cuts the tail off
    EXPECT_EQ(fs::file_size(path), whole);
    EXPECT_EQ(writer.nextSequence(), 2u);
  }
  { // Zeros where the last record's blocks were never written.
    std::ofstream(path, std::ios::app | std::ios::binary) << std::string(300, '\0');
    EXPECT_EQ(read(snapshot).records.size(), 1u);
  }
  LogWriter writer = writerFor(snapshot);
  ASSERT_FALSE(writer.append({"after"}));
  LogContents log = read(snapshot);
  ASSERT_EQ(log.records.size(), 2u);
  EXPECT_EQ(log.records[1].payload, "after");
  EXPECT_EQ(log.records[1].sequence, 2u);
}

TEST(ChangeLog, DamageBeforeTheEndIsAnErrorNotACrash) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 3);
  {
    LogWriter writer = writerFor(snapshot);
    ASSERT_FALSE(writer.append({std::string(100, 'a'), std::string(100, 'b')}));
  }
  flipByte(logPathOf(snapshot), 64 + 32 + 50); // inside the first record's payload
  EXPECT_NE(errorOf(snapshot).find("damaged at byte 64 (record 1)"), std::string::npos)
      << errorOf(snapshot);
  auto writer = LogWriter::open(snapshot, identityOf(snapshot), 1);
  EXPECT_TRUE(std::holds_alternative<std::string>(writer));

  const std::string other = makeSnapshot(dir, "b", 4);
  { LogWriter w = writerFor(other); }
  flipByte(logPathOf(other), 20); // the header
  EXPECT_NE(errorOf(other).find("header is damaged"), std::string::npos) << errorOf(other);
}

TEST(ChangeLog, ALogBelongsToItsSnapshot) {
  test::TempDir dir("seg-log");
  const std::string a = makeSnapshot(dir, "a", 5);
  const std::string b = makeSnapshot(dir, "b", 6);
  {
    LogWriter writer = writerFor(a);
    ASSERT_FALSE(writer.append({"x"}));
  }
  fs::copy_file(logPathOf(a), logPathOf(b));
  EXPECT_NE(errorOf(b).find("belongs to another snapshot"), std::string::npos) << errorOf(b);
}

TEST(ChangeLog, OneWriterAtATime) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 7);
  LogWriter first = writerFor(snapshot);
  auto second = LogWriter::open(snapshot, identityOf(snapshot), 0.2);
  ASSERT_TRUE(std::holds_alternative<std::string>(second));
  EXPECT_NE(std::get<std::string>(second).find("another process"), std::string::npos);
  first = writerFor(makeSnapshot(dir, "b", 8)); // releases the lock on a
  EXPECT_TRUE(
      std::holds_alternative<LogWriter>(LogWriter::open(snapshot, identityOf(snapshot), 1)));
}

TEST(ChangeLog, CompactionSwitchesSnapshotAndLogTogether) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 9);
  const std::string replacement = makeSnapshot(dir, "b", 10);
  LogWriter writer = writerFor(snapshot);
  ASSERT_FALSE(writer.append({"one", "two"}));
  ASSERT_FALSE(writer.switchTo(replacement));
  EXPECT_FALSE(fs::exists(replacement));
  LogContents log = read(snapshot);
  EXPECT_TRUE(log.records.empty());
  EXPECT_EQ(log.firstSequence, 3u); // sequences go on across compactions
  ASSERT_FALSE(writer.append({"three"}));
  log = read(snapshot);
  ASSERT_EQ(log.records.size(), 1u);
  EXPECT_EQ(log.records[0].sequence, 3u);
}

TEST(ChangeLog, AnInterruptedCompactionIsFinishedOrUndone) {
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 11);
  {
    LogWriter writer = writerFor(snapshot);
    ASSERT_FALSE(writer.append({"one"}));
  }
  // A stale next log (its snapshot never switched in) is ignored and removed.
  const std::string other = makeSnapshot(dir, "b", 12);
  { LogWriter w = writerFor(other); }
  fs::copy_file(logPathOf(other), logPathOf(snapshot) + ".next");
  EXPECT_EQ(read(snapshot).records.size(), 1u);
  {
    LogWriter writer = writerFor(snapshot);
    EXPECT_EQ(writer.contents().records.size(), 1u);
  }
  EXPECT_FALSE(fs::exists(logPathOf(snapshot) + ".next"));
  // The snapshot switched in but not its log: the next log is the current one.
  fs::copy_file(logPathOf(other), logPathOf(snapshot) + ".next");
  fs::rename(other, snapshot);
  EXPECT_TRUE(read(snapshot).records.empty());
  {
    LogWriter writer = writerFor(snapshot);
    EXPECT_TRUE(writer.contents().records.empty());
  }
  EXPECT_FALSE(fs::exists(logPathOf(snapshot) + ".next"));
}

TEST(ChangeLog, AnyDamageIsCaughtOrCutNeverMisread) {
  // Random byte flips and truncations of a log of 6 records: reading it either fails, or
  // gives back a prefix of the records exactly as written (a torn tail dropped) — never a
  // changed payload, never a crash.
  test::TempDir dir("seg-log");
  const std::string snapshot = makeSnapshot(dir, "a", 13);
  std::vector<std::string> payloads;
  for (int i = 0; i < 6; ++i)
    payloads.push_back(
        std::string(static_cast<std::size_t>(50 + 37 * i), static_cast<char>('a' + i)));
  {
    LogWriter writer = writerFor(snapshot);
    ASSERT_FALSE(writer.append(payloads));
  }
  const std::string path = logPathOf(snapshot);
  std::string original;
  {
    std::ifstream in(path, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::mt19937_64 random(7);
  int caught = 0, cut = 0;
  for (int round = 0; round < 400; ++round) {
    std::string damaged = original;
    if (round % 3 == 0) {
      damaged.resize(random() % damaged.size());
    } else {
      const int flips = 1 + static_cast<int>(random() % 3);
      for (int f = 0; f < flips; ++f)
        damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << damaged;
    auto log = readLog(snapshot, identityOf(snapshot));
    if (std::holds_alternative<std::string>(log)) {
      ++caught;
      continue;
    }
    const LogContents& contents = std::get<LogContents>(log);
    ASSERT_LE(contents.records.size(), payloads.size());
    for (std::size_t r = 0; r < contents.records.size(); ++r) {
      ASSERT_EQ(contents.records[r].payload, payloads[r]) << "round " << round;
      ASSERT_EQ(contents.records[r].sequence, r + 1);
    }
    cut += contents.records.size() < payloads.size();
  }
  EXPECT_GT(caught, 100);
  EXPECT_GT(cut, 50);
}

TEST(ChangeLog, ABatchDecodesOnlyFromItsOwnEncoding) {
  ChangeBatch batch;
  batch.parts.push_back({ChangeKind::Contacts, "c.csv", "", "id,plan\n1,pro\n"});
  batch.parts.push_back({ChangeKind::Events, "e.ndjson", "purchase", "{}\n"});
  const std::string encoded = encodeBatch(batch);
  std::optional<ChangeBatch> decoded = decodeBatch(encoded);
  ASSERT_TRUE(decoded);
  ASSERT_EQ(decoded->parts.size(), 2u);
  EXPECT_EQ(decoded->parts[1].type, "purchase");
  EXPECT_EQ(decoded->parts[0].bytes, "id,plan\n1,pro\n");
  for (std::size_t cut = 0; cut < encoded.size(); ++cut)
    EXPECT_FALSE(decodeBatch(std::string_view(encoded).substr(0, cut))) << cut;
  EXPECT_FALSE(decodeBatch(encoded + "x"));
}

TEST(EvaluationRecord, RoundTripsAndRefusesAnyDamage) {
  test::TempDir dir("seg-log");
  const std::string snapshot = (dir.path() / "x.segdb").string();
  EXPECT_FALSE(std::get<std::optional<EvaluationRecord>>(readEvaluation(snapshot)));
  EvaluationRecord record{7, -5, 130, 12, {{"vip", {1, 2, 3}}, {"lifecycle.new", {0, 0, 9}}}};
  ASSERT_FALSE(writeEvaluation(snapshot, record));
  auto read = readEvaluation(snapshot);
  const auto& back = std::get<std::optional<EvaluationRecord>>(read);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->evaluation, 7u);
  EXPECT_EQ(back->nowMicros, -5);
  EXPECT_EQ(back->members[1].name, "lifecycle.new");
  EXPECT_EQ(back->members[1].words, (std::vector<std::uint64_t>{0, 0, 9}));
  std::string bytes;
  {
    std::ifstream in(evaluationPathOf(snapshot), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::mt19937_64 random(3);
  for (int round = 0; round < 200; ++round) {
    std::string damaged = bytes;
    if (round % 2 == 0)
      damaged.resize(random() % damaged.size());
    else
      damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
    std::ofstream(evaluationPathOf(snapshot), std::ios::binary | std::ios::trunc) << damaged;
    auto result = readEvaluation(snapshot);
    ASSERT_TRUE(std::holds_alternative<std::string>(result)) << "round " << round;
    EXPECT_NE(std::get<std::string>(result).find("damaged"), std::string::npos);
  }
}

// The journal: each evaluation appended as its difference from the last reads back as the
// whole record would; a torn last entry is dropped, a damaged one refused, and the journal of
// another record ignored.
TEST(EvaluationRecord, TheJournalReadsBackAsTheWholeRecord) {
  test::TempDir dir("seg-log");
  const std::string snapshot = (dir.path() / "x.segdb").string();
  std::mt19937_64 random(5);
  auto randomWords = [&](std::size_t words) {
    std::vector<std::uint64_t> out(words);
    for (std::uint64_t& w : out)
      w = random() & random();
    return out;
  };
  EvaluationRecord record{
      7, 1000, 64 * 200, 3, {{"vip", randomWords(200)}, {"b.x", randomWords(200)}}};
  ASSERT_FALSE(writeEvaluation(snapshot, record));
  ASSERT_FALSE(removeJournal(snapshot));
  auto readBack = [&]() -> std::optional<EvaluationRecord> {
    auto read = readEvaluation(snapshot);
    auto& back = std::get<std::optional<EvaluationRecord>>(read);
    if (!back) return std::nullopt;
    if (auto error = applyJournal(snapshot, *back)) {
      ADD_FAILURE() << *error;
      return std::nullopt;
    }
    return std::move(back);
  };
  auto same = [](const EvaluationRecord& a, const EvaluationRecord& b) {
    if (a.evaluation != b.evaluation || a.nowMicros != b.nowMicros || a.contacts != b.contacts ||
        a.logSequence != b.logSequence || a.members.size() != b.members.size())
      return false;
    for (std::size_t m = 0; m < a.members.size(); ++m)
      if (a.members[m].name != b.members[m].name || a.members[m].words != b.members[m].words)
        return false;
    return true;
  };
  std::vector<EvaluationRecord> history{record};
  std::vector<std::uintmax_t> sizes; // the journal's size after each entry
  for (int step = 0; step < 12; ++step) {
    EvaluationRecord next = record;
    ++next.evaluation;
    next.nowMicros += 3600;
    ++next.logSequence;
    if (step == 4) next.contacts += 100; // new contacts: longer bitmaps
    for (RecordedMembers& members : next.members) {
      members.words.resize((next.contacts + 63) / 64, 0);
      for (int flip = 0; flip < 20; ++flip) {
        const std::uint64_t row = random() % next.contacts;
        members.words[row / 64] ^= std::uint64_t{1} << (row % 64);
      }
    }
    if (step == 6)
      next.members.push_back(
          {"new_one", std::vector<std::uint64_t>(next.members[0].words.size(), 0)});
    if (step == 8) next.members.erase(next.members.begin());
    ASSERT_FALSE(appendEvaluation(snapshot, record, next)) << "step " << step;
    record = next;
    history.push_back(record);
    sizes.push_back(std::filesystem::file_size(journalPathOf(snapshot)));
    std::optional<EvaluationRecord> back = readBack();
    ASSERT_TRUE(back && same(*back, record)) << "step " << step;
  }
  std::string bytes;
  {
    std::ifstream in(journalPathOf(snapshot), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Torn anywhere in the last entry: the one before.
  for (std::uintmax_t cut = sizes[sizes.size() - 2]; cut < bytes.size(); cut += 97) {
    std::ofstream(journalPathOf(snapshot), std::ios::binary | std::ios::trunc)
        << bytes.substr(0, cut);
    std::optional<EvaluationRecord> back = readBack();
    ASSERT_TRUE(back && same(*back, history[history.size() - 2])) << "cut " << cut;
  }
  // A flipped byte inside the first entry's payload: damaged.
  std::string flipped = bytes;
  flipped[16 + 8 + 40] ^= 0x10;
  std::ofstream(journalPathOf(snapshot), std::ios::binary | std::ios::trunc) << flipped;
  auto read = readEvaluation(snapshot);
  auto& base = std::get<std::optional<EvaluationRecord>>(read);
  ASSERT_TRUE(base);
  std::optional<std::string> error = applyJournal(snapshot, *base);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("damaged"), std::string::npos);
  // A whole record written after the journal (a crash before it was deleted): ignored.
  std::ofstream(journalPathOf(snapshot), std::ios::binary | std::ios::trunc) << bytes;
  ASSERT_FALSE(writeEvaluation(snapshot, history[3]));
  std::optional<EvaluationRecord> back = readBack();
  ASSERT_TRUE(back && same(*back, history[3]));
}

} // namespace
} // namespace seg::runtime::live
