// The comparison loop, the per-definition support filter and the shrinker.
#include "DifferentialHarness.h"

#include "FuzzData.h"
#include "ResultCompare.h"
#include "Watchdog.h"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>

namespace seg::fuzz {

std::string describeTime(std::int64_t micros) {
  std::int64_t days =
      micros >= 0 ? micros / kDayMicros : -((-micros + kDayMicros - 1) / kDayMicros);
  std::int64_t rest = micros - days * kDayMicros;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t seconds = rest / 1000000;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z ({})", y + (m <= 2), m, d,
                     seconds / 3600, seconds / 60 % 60, seconds % 60, micros);
}

std::string normalizedReason(std::string reason) {
  // "… (plan node %12)": the node differs from plan to plan; the construct does not.
  if (auto at = reason.rfind(" (plan node"); at != std::string::npos) reason.erase(at);
  return reason;
}

std::string DifferentialStats::summary() const {
  std::string out =
      fmt::format("{} programs, {} definitions: {} compared on both engines, {} unsupported by the "
                  "candidate, {} programs rejected by the checker, {} failures\n",
                  programs, definitions, compared, unsupported, rejected, failures);
  std::vector<std::pair<std::size_t, std::string>> reasons;
  for (const auto& [reason, count] : unsupportedReasons)
    reasons.emplace_back(count, reason);
  std::sort(reasons.rbegin(), reasons.rend());
  for (const auto& [count, reason] : reasons)
    out += fmt::format("  unsupported x{}: {}\n", count, reason);
  return out;
}

std::optional<std::string> DifferentialHarness::differs(const std::string& text,
                                                        const runtime::Store& store,
                                                        std::int64_t now, unsigned threads) {
  LoweredProgram lowered = lowerText(text, reference_.lowering);
  if (!lowered.ok()) return "the program does not check:\n" + lowered.errors;
  // The same slots either way: lowering options change only how slots are computed.
  LoweredProgram candidateLowered;
  if (candidate_.lowering != reference_.lowering)
    candidateLowered = lowerText(text, candidate_.lowering);
  const plan::Plan& candidatePlan =
      candidateLowered.compilation ? candidateLowered.plan : lowered.plan;
  if (std::getenv("SEG_FUZZ_VERBOSE") != nullptr)
    std::cerr << "---- running (now = " << describeTime(now) << "):\n" << text << std::flush;
  auto expected = runPlan(reference_, lowered.plan, store, now, threads);
  auto actual = [&] {
    Watchdog watchdog(std::chrono::seconds(60),
                      candidate_.name + " hangs (compiling or running) at now = " +
                          describeTime(now) + " on this program (after the CRM schema):\n" + text +
                          "\nTo cut it down, save it as FILE and run: SEG_FUZZ_ISOLATE=1 " +
                          "SEG_FUZZ_REPRO=FILE SEG_FUZZ_NOW=" + std::to_string(now) +
                          (&store == &edgeStore() ? " SEG_FUZZ_EDGES=1" : "") +
                          " fuzz_test --gtest_filter=Differential.ReproduceFromFile");
    return runPlan(candidate_, candidatePlan, store, now, threads);
  }();
  if (auto* error = std::get_if<std::string>(&expected)) return "engine error: " + *error;
  if (auto* error = std::get_if<std::string>(&actual)) return "engine error: " + *error;
  auto difference = firstDifference(lowered.plan, std::get<exec::RunResult>(expected),
                                    std::get<exec::RunResult>(actual));
  if (!difference) return std::nullopt;
  std::string where = difference->what.starts_with("metric")
                          ? fmt::format("row {}", difference->row)
                          : fmt::format("contact row {} (id {})", difference->row,
                                        contactId(store, difference->row));
  return fmt::format("{} and {} disagree on {}, {}:\n  {:<12} {}\n  {:<12} {}", reference_.name,
                     candidate_.name, difference->what, where, reference_.name + ":",
                     difference->left, candidate_.name + ":", difference->right);
}

std::string DifferentialHarness::smallestFailure(const GeneratedProgram& program,
                                                 const std::vector<std::size_t>& kept,
                                                 const runtime::Store& store, std::int64_t now,
                                                 unsigned threads, const std::string& why) {
  auto report = [&](const std::string& failure, const std::vector<std::size_t>& indices) {
    return failure +
           "\nsmallest failing program (after the CRM schema), now = " + describeTime(now) + ":\n" +
           program.textOf(indices);
  };
  // First each kept definition with what it uses, smallest first.
  std::vector<std::vector<std::size_t>> candidates;
  for (std::size_t i : kept)
    candidates.push_back(program.closure(i));
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  // Only programs that check count: a cut that breaks a reference proves nothing.
  auto fails = [&](const std::vector<std::size_t>& indices) -> std::optional<std::string> {
    std::string text = program.textOf(indices);
    if (!lowerText(text).ok()) return std::nullopt;
    return differs(text, store, now, threads);
  };
  for (const auto& closure : candidates)
    if (auto failure = fails(closure)) return report(*failure, closure);
  // The failure needs several definitions: drop one at a time (with what uses it) while
  // the program still fails.
  std::vector<std::size_t> current = kept;
  std::string failure = why;
  for (std::size_t n = current.size(); n-- > 0;) {
    if (n >= current.size()) continue;
    std::size_t dropped = current[n];
    std::vector<std::size_t> trial;
    for (std::size_t i : current) {
      std::vector<std::size_t> needs = program.closure(i);
      if (std::find(needs.begin(), needs.end(), dropped) == needs.end()) trial.push_back(i);
    }
    if (trial.empty()) continue;
    if (auto still = fails(trial)) {
      current = trial;
      failure = *still;
    }
  }
  return report(failure + "\n(no single definition fails alone)", current);
}

std::vector<std::string> DifferentialHarness::check(const GeneratedProgram& program,
                                                    const runtime::Store& store, std::int64_t now,
                                                    unsigned threads) {
  ++stats_.programs;
  stats_.definitions += program.definitions.size();
  LoweredProgram whole = lowerText(program.text(), candidate_.lowering);
  if (!whole.ok()) {
    ++stats_.rejected;
    return {"the generator wrote a program that does not check:\n" + whole.errors + "\n" +
            program.text()};
  }
  std::vector<std::size_t> kept;
  if (candidate_.unsupported(whole.plan)) {
    for (std::size_t i = 0; i < program.definitions.size(); ++i) {
      LoweredProgram one = lowerText(program.textOf(program.closure(i)), candidate_.lowering);
      if (auto reason = one.ok() ? candidate_.unsupported(one.plan) : std::nullopt) {
        ++stats_.unsupported;
        ++stats_.unsupportedReasons[normalizedReason(*reason)];
      } else {
        kept.push_back(i);
      }
    }
  } else {
    for (std::size_t i = 0; i < program.definitions.size(); ++i)
      kept.push_back(i);
  }
  stats_.compared += kept.size();
  if (kept.empty()) return {};
  std::string text = program.textOf(kept);
  auto why = differs(text, store, now, threads);
  if (!why) return {};
  ++stats_.failures;
  if (shrunk_++ >= maxShrunk) return {*why + "\n(not cut down: too many failures)\n" + text};
  return {smallestFailure(program, kept, store, now, threads, *why)};
}

} // namespace seg::fuzz
