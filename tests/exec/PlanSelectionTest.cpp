// Cutting a plan down to some definitions (`seg run --segment`, the benchmarks): every
// definition alone gives exactly the values it has in the whole program, and the cut plan
// keeps only what the definition reads.
#include "plan/PlanSelection.h"

#include "ExecTestSupport.h"
#include "exec/Interpreter.h"

#include <gtest/gtest.h>

namespace seg::test {
namespace {

const char* kProgram = R"(
segment big = n >= 3
segment active = count(ev within 30d) >= 2
segment big_active = big and active and not (e == red)
score points {
  5 per ev within 30d max 20
  10 if big
}
segment top = ntile(4, points) == 4 and b
partition tier {
  high = points >= 20
  low = points < 20
}
segment high_tier = tier == high and exists(click)
metric share = percent(big_active) by e
)";

constexpr int kContacts = 300;

runtime::Store store() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  for (int i = 0; i < kContacts; ++i) {
    Row fields{{"id", i}, {"g", "x"}};
    if (i % 11 != 0) fields["n"] = i % 6;
    if (i % 3 != 0) fields["b"] = i % 2 == 0;
    if (i % 13 != 0) fields["e"] = std::string(i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : "blue");
    std::size_t row = b.contact(fields);
    for (int k = 0; k < i % 6; ++k)
      b.event("ev", row, kNow - (k * 9 + i % 7) * kDay);
    if (i % 5 == 0) b.event("click", row, kNow - i * kHour);
  }
  return b.finish();
}

std::vector<std::optional<double>> slotValues(const exec::RunResult& result, const plan::Plan& plan,
                                              const std::string& name) {
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    if (plan.slots[s].name != name) continue;
    const exec::ContactColumn& column = result.bound->slots[s];
    std::vector<std::optional<double>> values;
    for (std::size_t row = 0; row < static_cast<std::size_t>(kContacts); ++row) {
      if (!column.isValid(row)) {
        values.emplace_back();
        continue;
      }
      switch (column.type) {
      case plan::ValueType::Bool:
        values.emplace_back(column.data<std::uint8_t>()[row]);
        break;
      case plan::ValueType::Enum:
        values.emplace_back(column.data<std::uint32_t>()[row]);
        break;
      case plan::ValueType::Float:
        values.emplace_back(column.data<double>()[row]);
        break;
      default:
        values.emplace_back(static_cast<double>(column.data<std::int64_t>()[row]));
        break;
      }
    }
    return values;
  }
  ADD_FAILURE() << "no slot " << name;
  return {};
}

TEST(PlanSelectionTest, EachDefinitionAloneHasItsWholeProgramValues) {
  std::unique_ptr<Ran> whole = run(kProgram, store());
  ASSERT_TRUE(whole);
  for (const char* name : {"big", "active", "big_active", "points", "top", "tier", "high_tier"}) {
    plan::Plan one = plan::selectSlots(whole->plan, {name});
    EXPECT_TRUE(one.metrics.empty());
    EXPECT_LT(one.slots.size(), whole->plan.slots.size()) << name;
    EXPECT_NE(one.fingerprint, whole->plan.fingerprint);
    exec::RunResult result =
        exec::execute(one, whole->store, {kNow, 2}, exec::makeInterpreter).value();
    EXPECT_EQ(slotValues(result, one, name), slotValues(whole->result, whole->plan, name)) << name;
  }
}

TEST(PlanSelectionTest, KeepsExactlyWhatIsRead) {
  std::unique_ptr<Ran> whole = run(kProgram, store());
  ASSERT_TRUE(whole);
  auto names = [](const plan::Plan& p) {
    std::vector<std::string> out;
    for (const plan::Slot& s : p.slots)
      out.push_back(s.name);
    return out;
  };
  EXPECT_EQ(names(plan::selectSlots(whole->plan, {"big"})), std::vector<std::string>{"big"});
  EXPECT_EQ(names(plan::selectSlots(whole->plan, {"big_active"})),
            (std::vector<std::string>{"big", "active", "big_active"}));
  plan::Plan top = plan::selectSlots(whole->plan, {"top"});
  EXPECT_EQ(top.ranks.size(), 1u);
  EXPECT_EQ(top.slots.size(), 4u); // big, points, the ntile input, top
  EXPECT_TRUE(plan::selectSlots(whole->plan, {"no_such_definition"}).slots.empty());
}

} // namespace
} // namespace seg::test
