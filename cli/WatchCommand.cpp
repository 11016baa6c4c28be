// `seg watch`: applies new events and contact changes to a snapshot's change log (durably,
// all or nothing), evaluates the program and prints who entered and left each segment since
// the evaluation recorded with the data, through the public API (seg::LiveDataset).
#include "Commands.h"
#include "load/DataLoader.h"

#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <seg/seg.hpp>

namespace seg::cli {
namespace {

int fail(const std::string& message) {
  std::cerr << "seg watch: " << message << (message.ends_with('\n') ? "" : "\n");
  return 1;
}

std::string withCommas(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

} // namespace

int runWatch(const WatchOptions& options) {
  Expected<Program> program = Program::compileFiles(options.files);
  if (!program) {
    std::cerr << program.error().message();
    return 1;
  }
  std::vector<Change> batch;
  for (const std::string& path : options.contacts) {
    Expected<Change> change = readChange(ChangeKind::Contacts, path);
    if (!change) return fail(change.error().message());
    batch.push_back(std::move(*change));
  }
  for (const std::string& argument : options.events) {
    runtime::EventInput input = runtime::parseEventArgument(argument);
    Expected<Change> change = readChange(ChangeKind::Events, input.path, input.type);
    if (!change) return fail(change.error().message());
    batch.push_back(std::move(*change));
  }
  if (options.fromStdin)
    batch.push_back({ChangeKind::Events, "stdin.ndjson", "",
                     std::string(std::istreambuf_iterator<char>(std::cin), {})});

  LiveOptions live;
  live.lockWaitSeconds = options.lockWaitSeconds;
  Expected<LiveDataset> data = LiveDataset::open(options.data, live);
  if (!data) return fail(data.error().message());
  if (!data->replayNote().empty()) std::cerr << data->replayNote() << "\n";
  if (!batch.empty()) {
    Expected<ApplyReport> applied = data->apply(batch);
    if (!applied) return fail(applied.error().message());
    std::cerr << fmt::format("accepted batch {} (durable): {} events, {} new and {} changed "
                             "contacts\n",
                             applied->sequence, withCommas(applied->eventsAppended),
                             withCommas(applied->contactsCreated),
                             withCommas(applied->contactsUpdated));
  }
  seg::RunOptions run;
  run.now = options.now;
  run.engine = options.engine == "interp" ? Engine::Interpreter
               : options.engine == "auto" ? Engine::Auto
                                          : Engine::Jit;
  Expected<Deltas> deltas = data->advance(*program, run);
  if (!deltas) return fail(deltas.error().message());
  std::cout << (options.format == RunFormat::Json ? deltas->toJson(options.allowPii)
                                                  : deltas->toTable(options.allowPii));
  return 0;
}

int runCompact(const CompactOptions& options) {
  Expected<LiveDataset> data = LiveDataset::open(options.data);
  if (!data) {
    std::cerr << "seg compact: " << data.error().message() << "\n";
    return 1;
  }
  Expected<CompactReport> report = data->compact();
  if (!report) {
    std::cerr << "seg compact: " << report.error().message() << "\n";
    return 1;
  }
  std::cout << fmt::format("compacted {} change batch{} into {}: {} contacts, {} events, {} "
                           "bytes; the change log starts over\n",
                           report->batches, report->batches == 1 ? "" : "es", options.data,
                           withCommas(report->contacts), withCommas(report->events),
                           withCommas(report->snapshotBytes));
  return 0;
}

} // namespace seg::cli
