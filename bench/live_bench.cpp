// Live data on a copy of a snapshot: opening (log replay), the first evaluation, a batch of
// new events applied durably and its deltas (incremental), `now` moved by an hour without
// new data (a full pass), and the replay of many appended events when reopened.
// Usage: live_bench SNAPSHOT WORKDIR BATCH_EVENTS BATCHES FILE...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Events of CRM types for random contacts, an hour before `now` (2026-11-01).
std::string eventsCsv(std::mt19937_64& random, std::size_t contacts, std::size_t count) {
  static const char* types[] = {"purchase", "email_open", "page_view", "cart_abandoned",
                                "form_submit"};
  std::string out = "contact_id,type,at,amount,campaign,url\n";
  for (std::size_t i = 0; i < count; ++i) {
    const char* type = types[random() % 5];
    const std::string name = type;
    char line[160];
    std::snprintf(line, sizeof line, "%llu,%s,2026-10-31T%02llu:%02llu:00Z,%s,%s,%s\n",
                  static_cast<unsigned long long>(1 + random() % contacts), type,
                  static_cast<unsigned long long>(random() % 23),
                  static_cast<unsigned long long>(random() % 60), name == "purchase" ? "42.50" : "",
                  name == "email_open" ? "welcome" : "", name == "page_view" ? "/pricing" : "");
    out += line;
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: live_bench SNAPSHOT WORKDIR BATCH_EVENTS BATCHES FILE...\n");
    return 2;
  }
  namespace fs = std::filesystem;
  const std::string work = argv[2];
  fs::create_directories(work);
  const std::string snapshot = work + "/live.segdb";
  for (const char* suffix : {"", ".log", ".watch", ".watch-journal", ".lock", ".deltas"})
    fs::remove(snapshot + suffix);
  fs::copy_file(argv[1], snapshot);
  const std::size_t batchEvents = std::strtoull(argv[3], nullptr, 10);
  const std::size_t batches = std::strtoull(argv[4], nullptr, 10);
  seg::Expected<seg::Program> program =
      seg::Program::compileFiles(std::vector<std::string>(argv + 5, argv + argc));
  if (!program) {
    std::fprintf(stderr, "%s", program.error().message().c_str());
    return 1;
  }
  auto start = Clock::now();
  seg::Expected<seg::LiveDataset> live = seg::LiveDataset::open(snapshot);
  if (!live) {
    std::fprintf(stderr, "%s\n", live.error().message().c_str());
    return 1;
  }
  std::printf("open: %.1f ms\n", msSince(start));
  seg::RunOptions options;
  options.now = "2026-11-01T00:00:00Z";
  start = Clock::now();
  seg::Expected<seg::Deltas> first = live->advance(*program, options);
  if (!first) {
    std::fprintf(stderr, "%s\n", first.error().message().c_str());
    return 1;
  }
  const std::size_t contacts = first->contacts;
  std::printf("first evaluation (%s): %.1f ms\n", first->method.c_str(), msSince(start));

  std::mt19937_64 random(1);
  for (int round = 0; round < 5; ++round) {
    std::string text = eventsCsv(random, contacts, batchEvents);
    auto applyStart = Clock::now();
    seg::Expected<seg::ApplyReport> applied =
        live->apply({seg::Change{seg::ChangeKind::Events, "batch.csv", "", text}});
    if (!applied) {
      std::fprintf(stderr, "%s\n", applied.error().message().c_str());
      return 1;
    }
    const double applyMs = msSince(applyStart);
    auto evaluateStart = Clock::now();
    seg::Expected<seg::Deltas> deltas = live->evaluate(*program, options);
    const double evaluateMs = msSince(evaluateStart);
    auto recordStart = Clock::now();
    (void)live->record(*deltas);
    const double recordMs = msSince(recordStart);
    std::uint64_t moved = 0;
    for (const seg::SegmentDelta& d : deltas->segments)
      moved += d.entered.size() + d.left.size();
    std::printf("batch of %zu events: apply (durable) %.1f ms, evaluate %.1f ms (%s), record "
                "%.1f ms, total %.1f ms; %llu entered/left\n",
                batchEvents, applyMs, evaluateMs, deltas->method.c_str(), recordMs,
                applyMs + evaluateMs + recordMs, static_cast<unsigned long long>(moved));
  }
  options.now = "2026-11-01T01:00:00Z";
  start = Clock::now();
  seg::Expected<seg::Deltas> later = live->advance(*program, options);
  std::printf("now + 1 hour, no new data (%s): %.1f ms\n", later->method.c_str(), msSince(start));

  // Many batches, then a reopen that replays them all.
  for (std::size_t b = 0; b < batches; ++b)
    (void)live->apply({seg::Change{seg::ChangeKind::Events, "batch.csv", "",
                                   eventsCsv(random, contacts, batchEvents)}});
  const std::uint64_t logBytes = live->logBytes();
  live = seg::Expected<seg::LiveDataset>(seg::Error(seg::ErrorCode::Internal, "closed"));
  start = Clock::now();
  seg::Expected<seg::LiveDataset> reopened = seg::LiveDataset::open(snapshot);
  std::printf("reopen, replaying %zu batches (%zu events, %.1f MB of log): %.1f ms\n", batches + 5,
              (batches + 5) * batchEvents, logBytes / 1e6, msSince(start));
  start = Clock::now();
  (void)reopened->dataset();
  std::printf("merge of the appended events into the store: %.1f ms\n", msSince(start));
  return 0;
}
