// Deltas are exact: on random programs (segments, partitions, scores, ntile, metrics) and
// random change streams (upserts, new contacts, out-of-order events, ties, rejected batches,
// `now` moving by random steps or not at all), what LiveDataset::advance reports as entered
// and left equals the difference of two full evaluations of all the rows, with both engines.
#include "CrmChanges.h"
#include "FuzzIterations.h"
#include "ProgramGenerator.h"
#include "TempDir.h"
#include "TestCompile.h"
#include "load/DataLoader.h"
#include "snapshot/SnapshotWriter.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <map>
#include <seg/seg.hpp>
#include <set>

namespace seg {
namespace {

constexpr std::int64_t kNow = 1'793'491'200'000'000; // 2026-11-01T00:00:00Z
constexpr std::int64_t kHour = 3'600'000'000;

using Memberships = std::map<std::string, std::set<std::int64_t>>;

Memberships membershipsOf(const Result& result) {
  Memberships out;
  std::vector<std::string> names = result.segmentNames();
  for (const std::string& p : result.partitionNames()) {
    Expected<Partition> partition = result.partition(p);
    for (const Members& branch : partition->branches)
      names.push_back(branch.name());
  }
  for (const std::string& name : names) {
    Expected<Members> members = result.segment(name);
    std::span<const std::int64_t> keys = *members->intKeys();
    out[name] = std::set<std::int64_t>(keys.begin(), keys.end());
  }
  return out;
}

std::set<std::int64_t> keysOf(const Dataset& data, const std::vector<std::uint32_t>& rows) {
  std::set<std::int64_t> keys;
  for (std::uint32_t row : rows)
    keys.insert(std::stoll(**data.fieldText("id", row)));
  return keys;
}

std::set<std::int64_t> minus(const std::set<std::int64_t>& a, const std::set<std::int64_t>& b) {
  std::set<std::int64_t> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// The reference: every row so far loaded at once, then one full run.
Result fullRun(const Program& program, const test::CrmChanges& model, std::int64_t now,
               Engine engine) {
  test::TempDir dir("seg-live-ref");
  dir.write("contacts.csv", model.contactsCsv());
  dir.write("events.csv", model.eventsCsv());
  Expected<Dataset> data = Dataset::load(program.schema(), dir.path().string());
  EXPECT_TRUE(data) << data.error().message();
  RunOptions options;
  options.nowMicros = now;
  options.engine = engine;
  options.threads = 2;
  Expected<Result> result = program.run(*data, options);
  EXPECT_TRUE(result) << result.error().message();
  return *result;
}

std::string makeSnapshot(const test::TempDir& dir, const test::CrmChanges& model) {
  Compilation compilation = test::compileText(test::crmSchema());
  runtime::LoadOptions options;
  options.contactsPath = dir.write("base/contacts.csv", model.contactsCsv());
  options.events.push_back({dir.write("base/events.csv", model.eventsCsv()), ""});
  runtime::LoadResult loaded = runtime::loadData(runtime::storeSchemaOf(compilation.program->schema), options);
  std::string path = (dir.path() / "live.segdb").string();
  EXPECT_FALSE(runtime::writeSnapshot(*loaded.store, path));
  return path;
}

void checkStream(std::uint64_t seed, Engine engine, const char* engineName) {
  fuzz::ProgramShape shape;
  shape.segments = 10;
  shape.partitions = 2;
  shape.scores = 2;
  shape.metrics = 1;
  shape.ntile = true;
  fuzz::ProgramGenerator generator(seed);
  const std::string text = test::crmSchema() + "\n" + generator.generate(shape).text();
  Expected<Program> program = Program::compileSource(text);
  ASSERT_TRUE(program) << program.error().message() << "\n" << text;

  test::CrmChanges model(seed * 7919, 120, 1200, kNow);
  test::TempDir dir("seg-live");
  const std::string snapshot = makeSnapshot(dir, model);
  Memberships before;
  std::int64_t now = kNow;
  std::uint64_t entered = 0, left = 0;
  for (int step = 1; step <= 10; ++step) {
    const std::string where = fmt::format("seed {} ({}) step {}", seed, engineName, step);
    // Each step in a new process's shoes: the data set opened again, log replayed.
    Expected<LiveDataset> live = LiveDataset::open(snapshot);
    ASSERT_TRUE(live) << where << ": " << live.error().message();
    const std::uint64_t choice = (seed + static_cast<std::uint64_t>(step) * 31) % 7;
    now += static_cast<std::int64_t>(choice % 4) * 9 * kHour + (choice == 6 ? 4 * 24 * kHour : 0);
    if (step > 1 && choice != 5) {
      test::ChangeText batch = model.nextBatch(now, choice == 3);
      std::vector<Change> changes;
      if (!batch.contacts.empty()) changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
      if (!batch.events.empty()) changes.push_back({ChangeKind::Events, "e.csv", "", batch.events});
      Expected<ApplyReport> applied = live->apply(changes);
      EXPECT_EQ(!applied, batch.expectRejected) << where;
    }
    RunOptions options;
    options.nowMicros = now;
    options.engine = engine;
    options.threads = 2;
    Expected<Deltas> deltas = live->advance(*program, options);
    ASSERT_TRUE(deltas) << where << ": " << deltas.error().message();
    EXPECT_EQ(deltas->evaluation, static_cast<std::uint64_t>(step)) << where;

    Memberships after = membershipsOf(fullRun(*program, model, now, engine));
    ASSERT_EQ(deltas->segments.size(), after.size()) << where;
    for (const SegmentDelta& delta : deltas->segments) {
      const std::set<std::int64_t>& now_ = after[delta.name];
      const std::set<std::int64_t>& then = before[delta.name];
      EXPECT_EQ(keysOf(deltas->dataset, delta.entered), minus(now_, then))
          << where << " segment " << delta.name << " entered";
      EXPECT_EQ(keysOf(deltas->dataset, delta.left), minus(then, now_))
          << where << " segment " << delta.name << " left";
      EXPECT_EQ(delta.members, now_.size()) << where << " segment " << delta.name;
      if (step > 1) {
        entered += delta.entered.size();
        left += delta.left.size();
      }
    }
    if (testing::Test::HasFailure()) return;
    before = std::move(after);
  }
  // The streams must really move memberships both ways, or the check proves little.
  EXPECT_GT(entered, 0u) << seed;
  EXPECT_GT(left + entered, 5u) << seed;
}

TEST(LiveDeltas, EqualTheDifferenceOfTwoFullRunsWithTheJit) {
  for (std::uint64_t seed = 1; seed <= static_cast<std::uint64_t>(fuzz::scaledIterations(4)); ++seed)
    checkStream(seed, Engine::Jit, "jit");
}

TEST(LiveDeltas, EqualTheDifferenceOfTwoFullRunsWithTheInterpreter) {
  for (std::uint64_t seed = 1; seed <= static_cast<std::uint64_t>(fuzz::scaledIterations(4)); ++seed)
    checkStream(seed, Engine::Interpreter, "interp");
}

TEST(LiveDeltas, ACompactedDataSetGoesOnWhereItWas) {
  test::CrmChanges model(99, 60, 400, kNow);
  test::TempDir dir("seg-live");
  const std::string snapshot = makeSnapshot(dir, model);
  Expected<Program> program = Program::compileSource(
      test::crmSchema() + "\nsegment buyers = count(purchase within 30d) >= 1\n"
                          "segment pro = plan == pro\n");
  ASSERT_TRUE(program) << program.error().message();
  RunOptions options;
  options.nowMicros = kNow;
  {
    Expected<LiveDataset> live = LiveDataset::open(snapshot);
    ASSERT_TRUE(live);
    ASSERT_TRUE(live->advance(*program, options));
    test::ChangeText batch = model.nextBatch(kNow, false);
    std::vector<Change> changes;
    if (!batch.contacts.empty()) changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
    if (!batch.events.empty()) changes.push_back({ChangeKind::Events, "e.csv", "", batch.events});
    ASSERT_TRUE(live->apply(changes));
    Expected<CompactReport> compacted = live->compact();
    ASSERT_TRUE(compacted) << compacted.error().message();
    EXPECT_EQ(compacted->batches, 1u);
    EXPECT_EQ(compacted->contacts, model.contactCount());
  }
  // Another process: the snapshot alone now holds everything; the deltas go on from the
  // evaluation recorded before the compaction.
  Expected<Dataset> reopened = Dataset::open(snapshot);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->contactCount(), model.contactCount());
  Expected<LiveDataset> live = LiveDataset::open(snapshot);
  ASSERT_TRUE(live);
  EXPECT_TRUE(live->replayNote().empty());
  Expected<Deltas> deltas = live->advance(*program, options);
  ASSERT_TRUE(deltas);
  EXPECT_EQ(deltas->evaluation, 2u);
  Memberships expected = membershipsOf(fullRun(*program, model, kNow, Engine::Jit));
  for (const SegmentDelta& delta : deltas->segments)
    EXPECT_EQ(delta.members, expected[delta.name].size()) << delta.name;
}

} // namespace
} // namespace seg
