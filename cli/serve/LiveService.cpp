#include "LiveService.h"

#include "base/CivilTime.h"

#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace seg::serve {
namespace {

using Json = nlohmann::ordered_json;

Reply jsonReply(int status, const Json& doc) {
  return {status, doc.dump() + "\n"};
}

Reply errorReply(int status, const std::string& message) {
  return jsonReply(status, Json{{"error", message}});
}

// ISO-8601 UTC, as the rest of Seg prints whole-second times.
std::string isoTime(std::int64_t micros) {
  char text[base::kTimestampChars];
  base::formatTimestamp(text, base::floorDiv(micros, base::kMicrosPerSecond));
  return {text, base::kTimestampChars};
}

std::string historyPath(const ServiceOptions& options) {
  return options.data + ".deltas";
}

// Int keys as JSON numbers (unless masked), others as strings, as Deltas::toJson writes them.
Json keyJson(const Deltas& deltas, std::uint32_t row, bool allowPii) {
  std::optional<std::string> text = deltas.key(row, allowPii);
  if (!text) return nullptr;
  if (deltas.intKeys(allowPii)) return std::stoll(*text);
  return *text;
}

// Appends one line to the history and syncs it: a consumer may only see deltas that stay.
std::optional<std::string> appendDurably(const std::string& path, const std::string& line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return fmt::format("{}: {}", path, std::strerror(errno));
  std::string bytes = line + "\n";
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
            ::fdatasync(fd) == 0;
  std::string error = ok ? "" : std::strerror(errno);
  ::close(fd);
  if (!ok) return fmt::format("{}: {}", path, error);
  return std::nullopt;
}

} // namespace

Expected<std::unique_ptr<LiveService>> LiveService::start(const ServiceOptions& options) {
  Expected<Program> program = Program::compileFiles(options.files);
  if (!program) return program.error();
  LiveOptions liveOptions;
  liveOptions.threads = options.threads;
  liveOptions.lockWaitSeconds = 0; // one service per data set: a second one is told at once
  Expected<LiveDataset> live = LiveDataset::open(options.data, liveOptions);
  if (!live) return live.error();
  std::unique_ptr<LiveService> service(
      new LiveService(options, std::move(*live), std::move(*program)));
  service->loadHistory();
  {
    std::lock_guard lock(service->mutex_);
    if (std::optional<Reply> failed = service->evaluateLocked(true))
      return Error(ErrorCode::Data,
                   nlohmann::json::parse(failed->body)["error"].get<std::string>());
  }
  service->evaluator_ =
      std::jthread([s = service.get()](const std::stop_token& stop) { s->evaluatorLoop(stop); });
  return service;
}

LiveService::LiveService(ServiceOptions options, LiveDataset live, Program program)
    : options_(std::move(options)), live_(std::move(live)), program_(std::move(program)) {}

LiveService::~LiveService() {
  evaluator_.request_stop();
  wake_.notify_all();
}

void LiveService::loadHistory() {
  std::ifstream in(historyPath(options_));
  std::string line;
  while (std::getline(in, line)) {
    Json doc = Json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.contains("evaluation")) continue; // a torn last line
    const auto evaluation = doc["evaluation"].get<std::uint64_t>();
    // A crash between the history and the record repeats an evaluation: the later one holds.
    while (!history_.empty() && history_.back().evaluation >= evaluation)
      history_.pop_back();
    history_.push_back({evaluation, line});
    if (history_.size() > options_.keptEvaluations) history_.pop_front();
  }
}

std::optional<Reply> LiveService::evaluateLocked(bool clockTick) {
  RunOptions run;
  if (options_.now)
    run.now = *options_.now;
  else if (!clockTick && last_)
    run.nowMicros = last_->nowMicros; // data alone: at the last tick's time, only what changed
  run.engine = options_.engine;
  run.threads = options_.threads;
  Expected<Deltas> deltas = live_.evaluate(program_, run);
  if (!deltas) return errorReply(500, deltas.error().message());
  Json entry;
  entry["evaluation"] = deltas->evaluation;
  entry["now"] = isoTime(deltas->nowMicros);
  entry["previous_now"] =
      deltas->previousNowMicros ? Json(isoTime(*deltas->previousNowMicros)) : Json();
  Json changed = Json::object();
  for (const SegmentDelta& delta : deltas->segments) {
    if (delta.entered.empty() && delta.left.empty()) continue;
    Json item;
    item["entered"] = Json::array();
    for (std::uint32_t row : delta.entered)
      item["entered"].push_back(keyJson(*deltas, row, options_.allowPii));
    item["left"] = Json::array();
    for (std::uint32_t row : delta.left)
      item["left"].push_back(keyJson(*deltas, row, options_.allowPii));
    item["members"] = delta.members;
    changed[delta.name] = std::move(item);
  }
  entry["segments"] = std::move(changed);
  const std::string line = entry.dump();
  // The history first: once recorded, the next evaluation's deltas start from this one.
  if (auto error = appendDurably(historyPath(options_), line)) return errorReply(500, *error);
  if (Expected<std::uint64_t> recorded = live_.record(*deltas); !recorded)
    return errorReply(500, recorded.error().message());
  while (!history_.empty() && history_.back().evaluation >= deltas->evaluation)
    history_.pop_back();
  history_.push_back({deltas->evaluation, line});
  if (history_.size() > options_.keptEvaluations) history_.pop_front();
  last_ = std::move(*deltas);
  // The log folded into the snapshot once it is large, so a restart replays little.
  if (options_.compactBytes != 0 && live_.logBytes() >= options_.compactBytes)
    if (Expected<CompactReport> compacted = live_.compact(); !compacted)
      return errorReply(500, compacted.error().message());
  stale_ = false;
  staleSince_.reset();
  lastEvaluation_ = std::chrono::steady_clock::now();
  return std::nullopt;
}

std::optional<Reply> LiveService::ensureCurrentLocked() {
  if (stale_ || !last_) return evaluateLocked(!last_);
  return std::nullopt;
}

void LiveService::evaluatorLoop(const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    auto due = lastEvaluation_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                     std::chrono::duration<double>(options_.tickSeconds));
    if (options_.now) due = std::chrono::steady_clock::time_point::max(); // time is fixed
    if (staleSince_)
      due = std::min(due, *staleSince_ +
                              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(options_.evaluateAfterSeconds)));
    if (now >= due) {
      // An error is answered to the next query that needs the result.
      const bool tick =
          !staleSince_ ||
          now < *staleSince_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(options_.evaluateAfterSeconds));
      (void)evaluateLocked(tick);
      continue;
    }
    if (due == std::chrono::steady_clock::time_point::max())
      wake_.wait(lock, stop, [&] { return staleSince_.has_value(); });
    else
      wake_.wait_until(lock, stop, due, [] { return false; });
  }
}

Reply LiveService::ingest(ChangeKind kind, std::string body) {
  if (body.empty()) return errorReply(400, "the body is empty: send NDJSON, one record per line");
  const std::string name = kind == ChangeKind::Contacts ? "contacts.ndjson" : "events.ndjson";
  std::lock_guard lock(mutex_);
  Expected<ApplyReport> applied = live_.apply({Change{kind, name, "", std::move(body)}});
  if (!applied) {
    const int status = applied.error().code() == ErrorCode::Data &&
                               applied.error().message().find("rejected") != std::string::npos
                           ? 400
                           : 500;
    return errorReply(status, applied.error().message());
  }
  stale_ = true;
  if (!staleSince_) staleSince_ = std::chrono::steady_clock::now();
  wake_.notify_all();
  return jsonReply(200, Json{{"sequence", applied->sequence},
                             {"events", applied->eventsAppended},
                             {"contacts_created", applied->contactsCreated},
                             {"contacts_updated", applied->contactsUpdated},
                             {"durable", true}});
}

Reply LiveService::segments() {
  std::lock_guard lock(mutex_);
  if (std::optional<Reply> failed = ensureCurrentLocked()) return *failed;
  Json doc;
  doc["evaluation"] = last_->evaluation;
  doc["contacts"] = last_->contacts;
  doc["method"] = last_->method;
  Json sizes = Json::object();
  for (const SegmentDelta& delta : last_->segments)
    sizes[delta.name] = delta.members;
  doc["segments"] = std::move(sizes);
  return jsonReply(200, doc);
}

Reply LiveService::members(const std::string& name, std::size_t offset, std::size_t limit) {
  std::lock_guard lock(mutex_);
  if (std::optional<Reply> failed = ensureCurrentLocked()) return *failed;
  const SegmentDelta* segment = nullptr;
  for (const SegmentDelta& delta : last_->segments)
    if (delta.name == name) segment = &delta;
  if (segment == nullptr)
    return errorReply(404, fmt::format("no segment or partition branch '{}'", name));
  Json keys = Json::array();
  std::size_t index = 0;
  const std::vector<std::uint64_t>& words = *segment->bitmap;
  for (std::size_t w = 0; w < words.size() && keys.size() < limit; ++w)
    for (std::uint64_t bits = words[w]; bits != 0 && keys.size() < limit; bits &= bits - 1, ++index)
      if (index >= offset)
        keys.push_back(keyJson(*last_, static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)),
                               options_.allowPii));
  return jsonReply(200, Json{{"segment", name},
                             {"evaluation", last_->evaluation},
                             {"members", segment->members},
                             {"offset", offset},
                             {"keys", std::move(keys)}});
}

Reply LiveService::contactSegments(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (std::optional<Reply> failed = ensureCurrentLocked()) return *failed;
  std::optional<std::size_t> row = live_.findContact(key);
  if (!row) return errorReply(404, fmt::format("no contact with key '{}'", key));
  Json in = Json::array();
  for (const SegmentDelta& delta : last_->segments)
    if (delta.contains(*row)) in.push_back(delta.name);
  return jsonReply(
      200, Json{{"contact", key}, {"evaluation", last_->evaluation}, {"segments", std::move(in)}});
}

Reply LiveService::deltas(std::uint64_t since, std::size_t limit) {
  std::lock_guard lock(mutex_);
  if (std::optional<Reply> failed = ensureCurrentLocked()) return *failed;
  if (!history_.empty() && since + 1 < history_.front().evaluation)
    return errorReply(410, fmt::format("evaluations {} to {} are no longer kept (the history "
                                       "holds {} on); read the segments' members again",
                                       since + 1, history_.front().evaluation - 1,
                                       history_.front().evaluation));
  std::string body = "{\"evaluations\":[";
  std::uint64_t next = since;
  std::size_t count = 0;
  for (const Entry& entry : history_) {
    if (entry.evaluation <= since) continue;
    if (count == limit) break;
    if (count++ != 0) body += ",";
    body += entry.json;
    next = entry.evaluation;
  }
  body += fmt::format("],\"next\":{}}}\n", next);
  return {200, body};
}

Reply LiveService::advance(const std::optional<std::string>& now) {
  std::lock_guard lock(mutex_);
  if (now) options_.now = *now;
  if (std::optional<Reply> failed = evaluateLocked(true)) return *failed;
  return jsonReply(200, Json{{"evaluation", last_->evaluation}, {"method", last_->method}});
}

Reply LiveService::stats() {
  std::lock_guard lock(mutex_);
  Dataset data = live_.dataset();
  Json events = Json::object();
  for (const EventType& type : data.schema().events())
    events[type.name] = *data.eventCount(type.name);
  return jsonReply(200, Json{{"contacts", data.contactCount()},
                             {"events", std::move(events)},
                             {"log_bytes", live_.logBytes()},
                             {"evaluation", last_ ? last_->evaluation : 0}});
}

} // namespace seg::serve
