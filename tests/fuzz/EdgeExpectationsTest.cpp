// Both engines against hand-computed answers on the edge-case store at now =
// 2026-11-01T00:00:00Z: `within` edges to the microsecond, ties, sequences at equal times,
// decay, calendar days before 1970, division by zero and integer wrap-around. Agreement
// between engines cannot catch a misreading they share; these answers come from the spec.
#include "EngineRunner.h"
#include "FuzzData.h"
#include "JitUnderTest.h"

#include <gtest/gtest.h>
#include <set>

namespace seg::fuzz {
namespace {

struct Expectation {
  const char* program; // defines a segment `x` (and what it needs)
  std::set<std::int64_t> members;
};

const Expectation kExpectations[] = {
    // within 1d keeps now − 1d < at <= now: not 10-31T00:00:00, yes 10-31T00:00:00.000001
    // and now itself, not now + 1µs.
    {"segment x = count(purchase within 1d) == 2", {2}},
    {"segment x = count(purchase within 7d) == 6", {2}},
    {"segment x = exists(purchase where at == now - 1d)", {2, 4, 9}},
    {"segment x = exists(purchase within 1d) or exists(purchase where at > now)", {2, 3}},
    {"segment x = sum(purchase.amount within 12h) > 1e299", {2}},
    // Calendar days in UTC, floor for instants before 1970.
    {"segment x = days(page_view) == 2", {5}},
    {"segment x = days(page_view) == 3", {2}},
    {"segment x = days(page_view where at < @1970-01-01) == 1", {3}},
    // Ties: first and last in load order.
    {"segment x = first(purchase.amount where at == @2026-10-20) == 1", {2}},
    {"segment x = last(purchase.amount where at == @2026-10-20) == 0", {2}},
    // Sequences: the second event may have the same time, or exactly `within` later, and
    // must be another event.
    {"segment x = exists(page_view then purchase within 1s)", {2, 3, 4, 7, 9}},
    {"segment x = exists(email_click where campaign == \"promo-2026\" then purchase within 1s)",
     {2}},
    {"segment x = exists(page_view where url == \"/pricing\" then page_view where url == "
     "\"/pricing\" within 1s)",
     {2, 4}},
    // Decay: events after now count fully; 0.5 ^ (age / half-life) otherwise.
    {"score d {\n  decay half_life 1d\n  1 per purchase\n}\nsegment x = d == 1", {3, 4}},
    // Nulls: division by zero, empty aggregates, null fields.
    {"segment x = (lifetime_value / company_size) is null", {1}},
    {"segment x = avg(purchase.amount) is null and age is null", {1}},
    {"segment x = not (nps >= 9) and not (nps < 9)", {}},
    // Integer arithmetic wraps; the remainder of INT64_MIN by -1 is 0.
    {"segment x = company_size + 1 < 0", {2, 8, 9}},
    {"segment x = trial_days_left % -1 == 0", {2, 3, 4, 6, 8, 9}},
    // Calendar functions before 1970 and far ahead.
    {"segment x = days_since(signup_at) == 20758", {3}},
    {"segment x = days_since(signup_at) < 0", {4}},
    {"segment x = year(signup_at) == 1969 and day_of_week(signup_at) == 3", {3}},
    {"segment x = month(signup_at) == 2 and day_of_week(signup_at) == 2", {8}},
    {"segment x = hour(signup_at) == 23", {3, 4}},
    // Strings compare bytewise; lower/upper change ASCII letters only.
    {"segment x = lower(city) == \"new york\"", {1, 7}},
    {"segment x = upper(email) == \"ÄÖÜ@EXAMPLE.COM\"", {6}},
    {"segment x = length(city) == 9 and starts_with(city, \"S\")", {6}},
};

std::set<std::int64_t> members(const exec::RunResult& run, const plan::Plan& plan,
                               const runtime::Store& store) {
  std::set<std::int64_t> out;
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    if (plan.slots[s].name != "x") continue;
    const exec::ContactColumn& column = run.bound->slots[s];
    for (std::size_t row = 0; row < store.contacts.rows; ++row)
      if (column.isValid(row) && column.data<std::uint8_t>()[row] == 1)
        out.insert(contactId(store, row));
  }
  return out;
}

TEST(EdgeExpectations, BothEnginesGiveTheSpecifiedAnswers) {
  const runtime::Store& store = edgeStore();
  for (const Engine& engine : {interpreterEngine(), jitEngine()}) {
    for (const Expectation& e : kExpectations) {
      LoweredProgram lowered = lowerText(e.program);
      ASSERT_TRUE(lowered.ok()) << e.program << "\n" << lowered.errors;
      if (auto reason = engine.unsupported(lowered.plan)) {
        std::cout << engine.name << " does not support: " << e.program << " (" << *reason << ")\n";
        continue;
      }
      auto run = runPlan(engine, lowered.plan, store, kDataNow, 2);
      ASSERT_TRUE(std::holds_alternative<exec::RunResult>(run)) << std::get<std::string>(run);
      EXPECT_EQ(members(std::get<exec::RunResult>(run), lowered.plan, store), e.members)
          << engine.name << ": " << e.program;
    }
  }
}

} // namespace
} // namespace seg::fuzz
