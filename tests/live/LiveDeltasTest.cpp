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
#include "sema/StoreSchemaOf.h"
#include "snapshot/SnapshotWriter.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <optional>
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

std::set<std::int64_t> keysOf(const Deltas& deltas, const std::vector<std::uint32_t>& rows) {
  std::set<std::int64_t> keys;
  for (std::uint32_t row : rows)
    keys.insert(std::stoll(*deltas.key(row)));
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
  runtime::LoadResult loaded =
      runtime::loadData(storeSchemaOf(compilation.program->schema), options);
  std::string path = (dir.path() / "live.segdb").string();
  EXPECT_FALSE(runtime::writeSnapshot(*loaded.store, path));
  return path;
}

// `reopen`: every step as a new process would (log replayed, full evaluations); otherwise one
// LiveDataset throughout, so steps where `now` stays re-evaluate only the changed contacts.
// Returns how many contacts entered or left over the stream (after the first evaluation).
// `timeMoves`: `now` moves at every step by a random step (a minute to days), with changes only
// every third step, so the timer decides most evaluations.
std::uint64_t checkStream(std::uint64_t seed, Engine engine, const char* engineName, bool reopen,
                          bool ntile, bool timeMoves = false, std::uint64_t* timerSteps = nullptr) {
  fuzz::ProgramShape shape;
  shape.segments = 10;
  shape.partitions = 2;
  shape.scores = 2;
  shape.metrics = 1;
  shape.ntile = ntile;
  fuzz::ProgramGenerator generator(seed);
  const std::string text = test::crmSchema() + "\n" + generator.generate(shape).text();
  if (const char* dump = getenv("SEG_LIVE_PROGRAM"); dump && std::to_string(seed) == dump)
    std::ofstream(fmt::format("/tmp/seg-live-{}.seg", seed)) << text;
  Expected<Program> program = Program::compileSource(text);
  if (!(program)) {
    ADD_FAILURE() << program.error().message() << "\n" << text;
    return 0;
  }

  // Kept open: enough contacts that a batch touches fewer than a tenth of them.
  test::CrmChanges model(seed * 7919, reopen ? 120 : 800, reopen ? 1200 : 8000, kNow);
  test::TempDir dir("seg-live");
  const std::string snapshot = makeSnapshot(dir, model);
  Memberships before;
  std::int64_t now = kNow;
  std::uint64_t entered = 0, left = 0, incremental = 0;
  std::optional<LiveDataset> kept;
  for (int step = 1; step <= 10; ++step) {
    const std::string where =
        fmt::format("seed {} ({}{}) step {}", seed, engineName, reopen ? ", reopened" : "", step);
    if (reopen || !kept) {
      kept.reset(); // the lock goes with it
      Expected<LiveDataset> opened = LiveDataset::open(snapshot);
      if (!(opened)) {
        ADD_FAILURE() << where << ": " << opened.error().message();
        return 0;
      }
      kept.emplace(std::move(*opened));
    }
    LiveDataset* live = &*kept;
    const std::uint64_t choice = (seed + static_cast<std::uint64_t>(step) * 31) % 7;
    // Kept open, time stands still two steps in three, so most steps are incremental.
    static constexpr std::int64_t kSteps[] = {60'000'000, 17 * 60'000'000, kHour, 5 * kHour,
                                              24 * kHour, 79 * kHour,      1};
    if (timeMoves && step > 1)
      now += kSteps[(seed * 13 + static_cast<std::uint64_t>(step) * 7) % std::size(kSteps)];
    else if (reopen || step % 3 == 0)
      now += static_cast<std::int64_t>(choice % 4) * 9 * kHour + (choice == 6 ? 4 * 24 * kHour : 0);
    if (step > 1 && choice != 5 && (!timeMoves || step % 3 == 0)) {
      test::ChangeText batch = model.nextBatch(now, choice == 3);
      std::vector<Change> changes;
      if (!batch.contacts.empty())
        changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
      if (!batch.events.empty()) changes.push_back({ChangeKind::Events, "e.csv", "", batch.events});
      Expected<ApplyReport> applied = live->apply(changes);
      EXPECT_EQ(!applied, batch.expectRejected) << where;
    }
    RunOptions options;
    options.nowMicros = now;
    options.engine = engine;
    options.threads = 2;
    Expected<Deltas> deltas = live->advance(*program, options);
    if (!(deltas)) {
      ADD_FAILURE() << where << ": " << deltas.error().message();
      return 0;
    }
    EXPECT_EQ(deltas->evaluation, static_cast<std::uint64_t>(step)) << where;
    if (deltas->method.starts_with("incremental")) ++incremental;
    if (timerSteps && deltas->method.find("due by the timer") != std::string::npos) ++*timerSteps;
    if (getenv("SEG_LIVE_DEBUG")) std::cerr << where << ": " << deltas->method << "\n";

    Memberships after = membershipsOf(fullRun(*program, model, now, engine));
    if (deltas->segments.size() != after.size()) {
      ADD_FAILURE() << where;
      return 0;
    }
    for (const SegmentDelta& delta : deltas->segments) {
      const std::set<std::int64_t>& now_ = after[delta.name];
      const std::set<std::int64_t>& then = before[delta.name];
      EXPECT_EQ(keysOf(*deltas, delta.entered), minus(now_, then))
          << where << " segment " << delta.name << " entered";
      EXPECT_EQ(keysOf(*deltas, delta.left), minus(then, now_))
          << where << " segment " << delta.name << " left";
      EXPECT_EQ(delta.members, now_.size()) << where << " segment " << delta.name;
      if (step > 1) {
        entered += delta.entered.size();
        left += delta.left.size();
      }
    }
    if (testing::Test::HasFailure()) return 0;
    before = std::move(after);
  }
  if (!reopen && !ntile && !timeMoves) {
    EXPECT_GE(incremental, 4u) << seed << ": too few incremental steps";
  }
  if (reopen) {
    EXPECT_EQ(incremental, 0u) << seed;
  }
  return entered + left;
}

// The streams must really move memberships, or the check proves little.
void checkStreams(Engine engine, const char* name) {
  std::uint64_t moved[2] = {0, 0};
  for (std::uint64_t seed = 1; seed <= static_cast<std::uint64_t>(fuzz::scaledIterations(4));
       ++seed) {
    moved[0] += checkStream(seed, engine, name, true, true);
    moved[1] += checkStream(seed, engine, name, false, false);
  }
  EXPECT_GT(moved[0], 20u);
  EXPECT_GT(moved[1], 20u);
}

TEST(LiveDeltas, EqualTheDifferenceOfTwoFullRunsWithTheJit) {
  checkStreams(Engine::Jit, "jit");
}

TEST(LiveDeltas, EqualTheDifferenceOfTwoFullRunsWithTheInterpreter) {
  checkStreams(Engine::Interpreter, "interp");
}

// Time alone moves members: windows, `now ± d` comparisons, days_since and hours_since, as the
// timer says, on both engines.
TEST(LiveDeltas, TheTimerReEvaluatesExactlyWhoseMomentCame) {
  std::uint64_t moved = 0, timerSteps = 0;
  for (std::uint64_t seed = 21; seed < 21 + static_cast<std::uint64_t>(fuzz::scaledIterations(4));
       ++seed) {
    moved += checkStream(seed, Engine::Jit, "jit", false, false, true, &timerSteps);
    moved +=
        checkStream(seed + 100, Engine::Interpreter, "interp", false, false, true, &timerSteps);
  }
  EXPECT_GT(moved, 20u);
  EXPECT_GE(timerSteps, 8u) << "too few evaluations the timer decided";
}

// A hand-written program on one data set kept open: each step may apply a batch, then
// evaluates at `now` and checks the deltas against the difference of two full runs.
class CheckedStream {
public:
  CheckedStream(const std::string& program, Engine engine, std::uint64_t seed, std::size_t contacts,
                std::size_t events)
      : engine_(engine), model_(seed, contacts, events, kNow) {
    Expected<Program> compiled = Program::compileSource(test::crmSchema() + program);
    if (!compiled) {
      ADD_FAILURE() << compiled.error().message();
      return;
    }
    program_.emplace(std::move(*compiled));
    snapshot_ = makeSnapshot(dir_, model_);
    reopen();
  }

  // As a new process would: the log replayed, the recorded evaluation read back.
  void reopen() {
    live_.reset(); // the lock goes with it
    Expected<LiveDataset> live = LiveDataset::open(snapshot_);
    if (!live) {
      ADD_FAILURE() << live.error().message();
      return;
    }
    live_.emplace(std::move(*live));
  }
  const std::string& snapshot() const { return snapshot_; }

  // The evaluation's method, or nothing after a failure.
  std::optional<std::string> step(std::int64_t now, bool withBatch, const std::string& where) {
    if (!live_) return std::nullopt;
    if (withBatch) {
      test::ChangeText batch = model_.nextBatch(now, false);
      std::vector<Change> changes;
      if (!batch.contacts.empty())
        changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
      if (!batch.events.empty()) changes.push_back({ChangeKind::Events, "e.csv", "", batch.events});
      if (Expected<ApplyReport> applied = live_->apply(changes); !applied) {
        ADD_FAILURE() << where << ": " << applied.error().message();
        return std::nullopt;
      }
    }
    RunOptions options;
    options.nowMicros = now;
    options.engine = engine_;
    Expected<Deltas> deltas = live_->advance(*program_, options);
    if (!deltas) {
      ADD_FAILURE() << where << ": " << deltas.error().message();
      return std::nullopt;
    }
    if (getenv("SEG_LIVE_DEBUG")) std::cerr << where << ": " << deltas->method << "\n";
    Memberships after = membershipsOf(fullRun(*program_, model_, now, engine_));
    for (const SegmentDelta& delta : deltas->segments) {
      EXPECT_EQ(keysOf(*deltas, delta.entered), minus(after[delta.name], before_[delta.name]))
          << where << " " << delta.name << " entered";
      EXPECT_EQ(keysOf(*deltas, delta.left), minus(before_[delta.name], after[delta.name]))
          << where << " " << delta.name << " left";
      if (!first_) moved_ += delta.entered.size() + delta.left.size();
    }
    first_ = false;
    before_ = std::move(after);
    if (testing::Test::HasFailure()) return std::nullopt;
    return deltas->method;
  }

  std::uint64_t moved() const { return moved_; } // entered and left, after the first step

private:
  Engine engine_;
  test::CrmChanges model_;
  test::TempDir dir_{"seg-live"};
  std::string snapshot_;
  std::optional<Program> program_;
  std::optional<LiveDataset> live_;
  Memberships before_;
  bool first_ = true;
  std::uint64_t moved_ = 0;
};

const char* nameOf(Engine engine) {
  return engine == Engine::Jit ? "jit" : "interp";
}

// Every form the timer follows, on data whose moments fall inside the steps: each step must be
// decided per contact (no pass over everyone) and equal the difference of two full runs.
TEST(LiveDeltas, TheTimerFollowsEveryTimedForm) {
  const std::string program = R"(
segment w1 = count(email_open within 2d) >= 1
segment w2 = exists(purchase within 1d) and not exists(page_view within 3d)
segment f1 = last_seen_at < now - 100d
segment f2 = now - signup_at > 200d
segment f3 = signup_at + 30d >= now
segment d1 = days_since(signup_at) <= 150
segment d2 = days_since(last_seen_at) == 40
segment h1 = hours_since(last(purchase.at)) >= 30
segment h2 = hours_since(max(page_view.at)) < 50 and days_since(last_seen_at) > 10
segment p1 = days_since(signup_at) % 7 == 0
segment e1 = exists(email_click where at > now - 36h)
segment e2 = count(page_view where at <= now - 2d and at > now - 4d) >= 2
segment ahead = exists(purchase where at > now)
score warmth {
  5 per email_open within 3d max 20
  10 if last_seen_at >= now - 12h
}
segment warm = warmth >= 10
)";
  for (Engine engine : {Engine::Jit, Engine::Interpreter}) {
    CheckedStream stream(program, engine, 77, 3000, 20000);
    std::int64_t now = kNow;
    std::uint64_t timed = 0;
    for (int step = 1; step <= 24; ++step) {
      const std::string where = fmt::format("step {} ({})", step, nameOf(engine));
      if (step > 1)
        now += step % 5 == 0 ? 1 : step % 7 == 0 ? std::int64_t{90} * 60'000'000 : kHour;
      std::optional<std::string> method = stream.step(now, step % 8 == 0, where);
      if (!method) return;
      if (step == 1) continue;
      EXPECT_TRUE(method->starts_with("incremental: ") &&
                  method->find("full pass") == std::string::npos)
          << where << ": " << *method;
      if (method->find("due by the timer") != std::string::npos) ++timed;
    }
    EXPECT_GE(timed, 18u);
    EXPECT_GT(stream.moved(), 200u);
  }
}

// Kept ranks: the changed contacts ranked among everyone, and the others whose rank that moved
// re-evaluated too, on both engines.
TEST(LiveDeltas, KeptRanksFollowTheContactsTheirChangeMoved) {
  const std::string program = R"(
segment top = ntile(5, lifetime_value) == 5
segment low = ntile(3, lifetime_value) == 1 or ntile(5, lifetime_value) == 1
segment buyers = ntile(4, sum(purchase.amount within 30d)) >= 3 and plan != free
segment readers = ntile(3, count(email_open)) == 2
segment pro = plan == pro
segment browsing_top = ntile(4, lifetime_value) >= 3 and count(page_view) >= 2
segment keen = ntile(3, count(email_open)) == 3 and exists(purchase where amount > 20)
)";
  for (Engine engine : {Engine::Jit, Engine::Interpreter}) {
    CheckedStream stream(program, engine, engine == Engine::Jit ? 5 : 6, 2500, 15000);
    std::int64_t now = kNow;
    std::uint64_t reRanked = 0, movedSteps = 0;
    for (int step = 1; step <= 16; ++step) {
      if (step % 2 == 0) now += kHour;
      std::optional<std::string> method =
          stream.step(now, step > 1, fmt::format("step {} ({})", step, nameOf(engine)));
      if (!method) return;
      if (method->find("re-ranked among everyone") != std::string::npos) ++reRanked;
      if (method->find("re-ranked") != std::string::npos &&
          method->find("(0 more whose rank moved)") == std::string::npos)
        ++movedSteps;
    }
    EXPECT_GE(reRanked, 12u);
    EXPECT_GE(movedSteps, 4u) << "the changes must move others' ranks, or this proves little";
  }
}

TEST(LiveDeltas, KeptOpenWithRanksAnywhere) {
  std::uint64_t moved = 0;
  for (std::uint64_t seed = 11; seed < 11 + static_cast<std::uint64_t>(fuzz::scaledIterations(3));
       ++seed)
    moved += checkStream(seed, Engine::Jit, "jit", false, true);
  EXPECT_GT(moved, 10u);
}

// Kept ranks, decayed scores and the timer together: random programs with ntile, one data set
// kept open, `now` moving by random steps (a minute to days) with batches every third step.
TEST(LiveDeltas, KeptRanksAndDecayAsTimeMoves) {
  std::uint64_t moved = 0, timerSteps = 0;
  for (std::uint64_t seed = 21; seed < 21 + static_cast<std::uint64_t>(fuzz::scaledIterations(3));
       ++seed) {
    moved += checkStream(seed, Engine::Jit, "jit", false, true, true, &timerSteps);
    moved += checkStream(seed + 50, Engine::Interpreter, "interp", false, true, true, &timerSteps);
  }
  EXPECT_GT(moved, 10u);
  EXPECT_GT(timerSteps, 0u);
}

// A data set kept open records its evaluations as differences in a journal; a new process
// reads the record and the journal back and reports exactly what changed since the last.
TEST(LiveDeltas, AReopenedDataSetReadsTheJournal) {
  const std::string program = R"(
segment top = ntile(5, lifetime_value) == 5
segment buyers = count(purchase) >= 2
segment recent = exists(page_view within 2d)
segment pro = plan == pro
)";
  CheckedStream stream(program, Engine::Jit, 9, 2500, 15000);
  std::int64_t now = kNow;
  for (int step = 1; step <= 12; ++step) {
    now += kHour;
    if (step == 6 || step == 10) {
      ASSERT_TRUE(std::filesystem::exists(stream.snapshot() + ".watch-journal")) << step;
      stream.reopen();
    }
    std::optional<std::string> method = stream.step(now, step > 1, fmt::format("step {}", step));
    ASSERT_TRUE(method);
    if (step == 6 || step == 10) {
      EXPECT_EQ(*method, "full: the last evaluation was recorded by another process");
    }
  }
  EXPECT_GT(stream.moved(), 20u);
}

TEST(LiveDeltas, SaysWhyAnEvaluationIsFull) {
  test::CrmChanges model(5, 1000, 3000, kNow);
  test::TempDir dir("seg-live");
  const std::string snapshot = makeSnapshot(dir, model);
  // A rank of a rank cannot be kept from one pass to the next.
  Expected<Program> ranked = Program::compileSource(
      test::crmSchema() + "\nsegment top = ntile(5, ntile(3, lifetime_value)) == 5\n");
  Expected<Program> plain =
      Program::compileSource(test::crmSchema() + "\nsegment pro = plan == pro\n");
  ASSERT_TRUE(ranked && plain);
  Expected<LiveDataset> live = LiveDataset::open(snapshot);
  ASSERT_TRUE(live);
  RunOptions options;
  options.nowMicros = kNow;
  auto step = [&](const Program& program) {
    test::ChangeText batch = model.nextBatch(kNow, false);
    std::vector<Change> changes;
    if (!batch.contacts.empty())
      changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
    if (!batch.events.empty()) changes.push_back({ChangeKind::Events, "e.csv", "", batch.events});
    EXPECT_TRUE(live->apply(changes));
    Expected<Deltas> deltas = live->advance(program, options);
    EXPECT_TRUE(deltas);
    return deltas ? deltas->method : std::string();
  };
  EXPECT_EQ(step(*ranked), "full: the first evaluation");
  EXPECT_EQ(step(*ranked), "full: every definition reads ntile");
  EXPECT_EQ(step(*plain), "full: another program than the last");
  const std::string method = step(*plain);
  EXPECT_TRUE(method.starts_with("incremental: ")) << method;
  // Time moving changes nothing that reads no `now`: still per changed contact.
  options.nowMicros = kNow + 1;
  EXPECT_TRUE(step(*plain).starts_with("incremental: "));
  Expected<Program> timed = Program::compileSource(
      test::crmSchema() + "\nsegment buyers = count(purchase within 7d) >= 1\n"
                          "segment pro = plan == pro\n");
  ASSERT_TRUE(timed);
  EXPECT_EQ(step(*timed), "full: another program than the last");
  options.nowMicros = kNow + 2;
  // A window: the timer follows it, so moving `now` stays per contact.
  const std::string timedMethod = step(*timed);
  EXPECT_TRUE(timedMethod.starts_with("incremental: ") &&
              timedMethod.find("full pass") == std::string::npos)
      << timedMethod;
  EXPECT_TRUE(step(*timed).starts_with("incremental: ")); // time stood still
  options.nowMicros = kNow - 1;
  EXPECT_EQ(step(*timed), "full: `now` moved back");
  // Decay changes a score continuously: no timer for it, a pass over everyone.
  Expected<Program> decayed = Program::compileSource(
      test::crmSchema() + "\nscore warm {\n  10 per email_open\n  decay half_life 7d\n}\n"
                          "segment hot = warm >= 15\nsegment pro = plan == pro\n");
  ASSERT_TRUE(decayed) << decayed.error().message();
  EXPECT_EQ(step(*decayed), "full: another program than the last");
  options.nowMicros = kNow + 3;
  const std::string decayMethod = step(*decayed);
  EXPECT_TRUE(decayMethod.starts_with("incremental: ") &&
              decayMethod.ends_with("; a full pass for hot (ntile or decay)"))
      << decayMethod;
  options.nowMicros = kNow + 4;
  Expected<Program> instant = Program::compileSource(
      test::crmSchema() + "\nsegment late = now > @2026-06-01T00:00:00Z and plan == pro\n"
                          "segment pro = plan == pro\n");
  ASSERT_TRUE(instant);
  EXPECT_EQ(step(*instant), "full: another program than the last");
  options.nowMicros = kNow + 5;
  EXPECT_TRUE(step(*instant).starts_with("incremental: "));
  Expected<Program> soon = Program::compileSource(
      test::crmSchema() + "\nsegment late = now >= @2026-11-01T00:00:01Z and plan == pro\n"
                          "segment pro = plan == pro\n");
  ASSERT_TRUE(soon);
  EXPECT_EQ(step(*soon), "full: another program than the last");
  options.nowMicros = kNow + 2'000'000;
  EXPECT_EQ(step(*soon), "full: `now` passed a moment a definition compares it with");
  options.nowMicros = kNow;
  Expected<Program> mixed = Program::compileSource(
      test::crmSchema() +
      "\nsegment top = ntile(5, lifetime_value) == 5\nsegment pro = plan == pro\n");
  ASSERT_TRUE(mixed);
  EXPECT_EQ(step(*mixed), "full: another program than the last");
  const std::string partly = step(*mixed);
  EXPECT_TRUE(partly.starts_with("incremental: ") &&
              partly.find("; top re-ranked among everyone (") != std::string::npos &&
              partly.find("full pass") == std::string::npos)
      << partly;
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
    if (!batch.contacts.empty())
      changes.push_back({ChangeKind::Contacts, "c.csv", "", batch.contacts});
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
