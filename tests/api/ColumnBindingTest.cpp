// Dataset::fromColumns: caller-owned columns bound without copying, checked as strictly as
// the loaders check files, and evaluated exactly like the same data loaded from files.
#include "TempDir.h"
#include "seg/seg.hpp"

#include <gtest/gtest.h>

namespace seg::test {
namespace {

constexpr const char* kSchema = R"(schema {
  contact {
    id: int key
    age: int?
    city: string
    plan: enum { free, pro }
    opted_in: bool
    value: float
  }
  event purchase {
    amount: float
  }
}
)";

constexpr const char* kProgram = R"(segment adults = age >= 18
segment paris = city == "Paris"
segment pro_buyers = plan == pro and count(purchase within 30d) >= 2
segment big_spenders = sum(purchase.amount) > 100
score engagement {
  10 if opted_in
  5 per purchase within 30d
}
metric buyers = count(count(purchase) > 0)
)";

// Five contacts; age null for row 2; rows' purchases out of order unless `sorted`.
struct Columns {
  std::vector<std::int64_t> id{101, 102, 103, 104, 105};
  std::vector<std::int64_t> age{30, 17, 0, 45, 18};
  std::vector<std::uint64_t> ageValid{0b11011};
  std::vector<std::uint32_t> city{0, 1, 0, 2, 1};
  std::vector<std::uint64_t> cityOffsets{0, 5, 11, 17};
  std::string cityBytes = "ParisLondonBerlin";
  std::vector<std::uint32_t> plan{1, 0, 1, 1, 0};
  std::vector<std::uint8_t> optedIn{1, 0, 0, 1, 1};
  std::vector<double> value{1.5, 2, 0, 10, 3};
  // contact row, at (µs), amount
  std::vector<std::uint32_t> buyer{0, 0, 3, 3, 3, 4};
  std::vector<std::int64_t> at{1'790'000'000'000'000, 1'792'000'000'000'000, 1'791'000'000'000'000,
                               1'792'100'000'000'000, 1'792'200'000'000'000, 1'700'000'000'000'000};
  std::vector<double> amount{60, 50, 10, 20, 30, 500};

  ColumnView view(const void* values, const std::uint64_t* validity = nullptr) const {
    return {values, validity, nullptr, nullptr, 0};
  }
  std::vector<ColumnView> contacts() const {
    ColumnView cityView = view(city.data());
    cityView.dictionaryOffsets = cityOffsets.data();
    cityView.dictionaryBytes = cityBytes.data();
    cityView.dictionarySize = 3;
    return {view(id.data()),
            view(age.data(), ageValid.data()),
            cityView,
            view(plan.data()),
            view(optedIn.data()),
            view(value.data())};
  }
  std::vector<EventColumns> events() const {
    return {{"purchase", buyer.size(), buyer.data(), at.data(), {view(amount.data())}}};
  }
  void shuffleEvents() { // same events, in another order
    std::swap(buyer[0], buyer[5]);
    std::swap(at[0], at[5]);
    std::swap(amount[0], amount[5]);
    std::swap(buyer[2], buyer[4]);
    std::swap(at[2], at[4]);
    std::swap(amount[2], amount[4]);
  }
};

Schema schema() {
  Expected<Schema> s = Schema::compileSource(kSchema);
  EXPECT_TRUE(s.ok()) << s.error().message();
  return *s;
}

Result runOn(const Dataset& dataset) {
  CompileOptions options;
  options.schema = dataset.schema();
  Expected<Program> program = Program::compileSource(kProgram, options);
  EXPECT_TRUE(program.ok()) << program.error().message();
  RunOptions run;
  run.now = "2026-11-01T00:00:00Z"; // 1 793 491 200 s
  Expected<Result> result = program->run(dataset, run);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return *result;
}

std::vector<std::int64_t> keysOf(const Result& result, const std::string& segment) {
  auto keys = result.segment(segment)->intKeys();
  return {keys->begin(), keys->end()};
}

TEST(ColumnBinding, BoundColumnsAnswerAsWritten) {
  Columns columns;
  Expected<Dataset> dataset =
      Dataset::fromColumns(schema(), 5, columns.contacts(), columns.events());
  ASSERT_TRUE(dataset.ok()) << dataset.error().message();
  EXPECT_TRUE(dataset->bindNotes().empty());
  EXPECT_EQ(dataset->eventCount("purchase"), 6u);
  Result result = runOn(*dataset);
  EXPECT_EQ(keysOf(result, "adults"), (std::vector<std::int64_t>{101, 104, 105}));
  EXPECT_EQ(keysOf(result, "paris"), (std::vector<std::int64_t>{101, 103}));
  EXPECT_EQ(keysOf(result, "big_spenders"), (std::vector<std::int64_t>{101, 105}));
  Expected<Score> engagement = result.score("engagement");
  ASSERT_TRUE(engagement.ok());
  EXPECT_EQ(engagement->values()[0], 15); // opted in, 1 of 2 purchases within 30 days
  EXPECT_EQ(engagement->values()[2], 0);
  EXPECT_EQ(engagement->values()[3], 25); // opted in, 3 purchases within 30 days
  EXPECT_EQ(keysOf(result, "pro_buyers"), (std::vector<std::int64_t>{104}));
}

TEST(ColumnBinding, EventsOutOfOrderAreSortedStablyWithANote) {
  Columns sorted;
  Expected<Dataset> a = Dataset::fromColumns(schema(), 5, sorted.contacts(), sorted.events());
  Columns shuffled;
  shuffled.shuffleEvents();
  Expected<Dataset> b = Dataset::fromColumns(schema(), 5, shuffled.contacts(), shuffled.events());
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(b->bindNotes().size(), 1u);
  EXPECT_EQ(b->bindNotes()[0],
            "events of 'purchase' were not in (contact, at) order: 6 rows copied into that order");
  EXPECT_EQ(runOn(*a).toJson(false), runOn(*b).toJson(false));
}

TEST(ColumnBinding, OwnerKeepsCallerMemoryAlive) {
  auto columns = std::make_shared<Columns>();
  Expected<Dataset> dataset =
      Dataset::fromColumns(schema(), 5, columns->contacts(), columns->events(), {columns});
  ASSERT_TRUE(dataset.ok());
  std::weak_ptr<Columns> watch = columns;
  columns.reset();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(runOn(*dataset).segment("paris")->count(), 2u);
}

void expectRejected(const Columns& columns, const std::string& message, std::size_t contacts = 5) {
  Expected<Dataset> dataset =
      Dataset::fromColumns(schema(), contacts, columns.contacts(), columns.events());
  ASSERT_FALSE(dataset.ok());
  EXPECT_EQ(dataset.error().code(), ErrorCode::InvalidArgument);
  EXPECT_EQ(dataset.error().message(), message);
}

TEST(ColumnBinding, BadValuesAreRejectedWithTheirPlace) {
  {
    Columns c;
    c.id[3] = 101;
    expectRejected(c, "contact field 'id': row 3 repeats a key of an earlier row: keys are unique");
  }
  {
    Columns c;
    c.plan[1] = 2;
    expectRejected(c, "contact field 'plan': row 1 holds code 2, but there are only 2 enum values");
  }
  {
    Columns c;
    c.city[4] = 3;
    expectRejected(c, "contact field 'city': row 4 holds code 3, but there are only 3 texts");
  }
  {
    Columns c;
    c.cityBytes = "ParisLondonParis";
    c.cityOffsets = {0, 5, 11, 16};
    expectRejected(c, "contact field 'city': dictionary text \"Paris\" appears twice (codes must "
                      "name distinct texts)");
  }
  {
    Columns c;
    c.cityBytes[6] = '\xff';
    expectRejected(c, "contact field 'city': dictionary text 1 is not UTF-8 (byte 1)");
  }
  {
    Columns c;
    c.optedIn[0] = 2;
    expectRejected(c, "contact field 'opted_in': row 0 holds 2: bool values are 0 or 1");
  }
  {
    Columns c;
    c.value[2] = std::numeric_limits<double>::quiet_NaN();
    expectRejected(c, "contact field 'value': row 2 holds nan: float values must be finite (make "
                      "the row null instead)");
  }
  {
    Columns c;
    c.buyer[1] = 5;
    expectRejected(
        c, "events of 'purchase': event 1 belongs to contact row 5, but there are 5 contacts");
  }
}

TEST(ColumnBinding, ColumnsMustMatchTheSchema) {
  Columns c;
  std::vector<ColumnView> five = c.contacts();
  five.pop_back();
  Expected<Dataset> short_ = Dataset::fromColumns(schema(), 5, five, c.events());
  ASSERT_FALSE(short_.ok());
  EXPECT_EQ(short_.error().message(),
            "5 contact columns given; the schema has 6 fields (one column each, in schema order)");
  std::vector<ColumnView> nulls = c.contacts();
  nulls[2].validity = c.ageValid.data(); // city is not nullable
  Expected<Dataset> nullCity = Dataset::fromColumns(schema(), 5, nulls, c.events());
  ASSERT_FALSE(nullCity.ok());
  EXPECT_EQ(nullCity.error().message(), "contact field 'city': row 2 is null, but the field is not "
                                        "nullable (declare it `city: string?`)");
  std::vector<EventColumns> unknown = c.events();
  unknown[0].type = "refund";
  Expected<Dataset> refund = Dataset::fromColumns(schema(), 5, c.contacts(), unknown);
  ASSERT_FALSE(refund.ok());
  EXPECT_EQ(refund.error().message(), "events of 'refund': the schema has no such event type");
}

} // namespace
} // namespace seg::test
