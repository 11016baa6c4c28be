// The live store against full loads: after every accepted batch of random upserts and appends
// (out of time order, with ties), the merged store holds exactly what loading all the rows at
// once gives; a batch with one bad row changes nothing.
#include "live/LiveStore.h"

#include "CrmChanges.h"
#include "TempDir.h"
#include "TestCompile.h"
#include "load/DataLoader.h"
#include "sema/StoreSchemaOf.h"
#include "store/StoreCompare.h"

#include <gtest/gtest.h>

namespace seg::runtime::live {
namespace {

constexpr std::int64_t kNow = 1'793'491'200'000'000; // 2026-11-01T00:00:00Z
constexpr std::int64_t kHour = 3'600'000'000;

StoreSchema crmStoreSchema() {
  Compilation compilation = test::compileText(test::crmSchema());
  EXPECT_TRUE(compilation.ok());
  return storeSchemaOf(compilation.program->schema);
}

Store loadText(const StoreSchema& schema, const std::string& contacts, const std::string& events) {
  test::TempDir dir("seg-live");
  LoadOptions options;
  options.contactsPath = dir.write("contacts.csv", contacts);
  options.events.push_back({dir.write("events.csv", events), ""});
  options.threads = 2;
  LoadResult result = loadData(schema, options);
  EXPECT_TRUE(result.store.has_value()) << result.report.render();
  return std::move(*result.store);
}

ChangeBatch batchOf(const test::ChangeText& text) {
  ChangeBatch batch;
  if (!text.events.empty()) batch.parts.push_back({ChangeKind::Events, "new.csv", "", text.events});
  if (!text.contacts.empty())
    batch.parts.push_back({ChangeKind::Contacts, "upserts.csv", "", text.contacts});
  return batch;
}

TEST(LiveStore, EveryAcceptedBatchEqualsAFullLoadOfTheSameRows) {
  const StoreSchema schema = crmStoreSchema();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    test::CrmChanges model(seed, 150, 1500, kNow);
    LiveStore live(
        std::make_shared<const Store>(loadText(schema, model.contactsCsv(), model.eventsCsv())));
    std::int64_t now = kNow;
    for (int step = 1; step <= 15; ++step) {
      now += static_cast<std::int64_t>(step % 4) * 7 * kHour;
      test::ChangeText text = model.nextBatch(now, step % 6 == 0);
      LoadReport report;
      std::optional<ApplyCounts> counts = live.apply(batchOf(text), 2, report);
      if (text.expectRejected) {
        EXPECT_FALSE(counts) << "seed " << seed << " step " << step;
        EXPECT_GT(report.rejectedCount(), 0u);
      } else {
        ASSERT_TRUE(counts) << "seed " << seed << " step " << step << "\n" << report.render();
      }
      Store expected = loadText(schema, model.contactsCsv(), model.eventsCsv());
      std::shared_ptr<const Store> merged = live.current();
      EXPECT_EQ(merged->contacts.rows, model.contactCount());
      std::optional<std::string> difference = firstDifference(*merged, expected);
      EXPECT_FALSE(difference) << "seed " << seed << " step " << step << ": " << *difference;
      if (difference) return;
    }
  }
}

TEST(LiveStore, EventsMayNameContactsTheSameBatchCreates) {
  const StoreSchema schema = crmStoreSchema();
  test::CrmChanges model(7, 5, 10, kNow);
  LiveStore live(
      std::make_shared<const Store>(loadText(schema, model.contactsCsv(), model.eventsCsv())));
  const std::string header = model.contactsCsv().substr(0, model.contactsCsv().find('\n') + 1);
  ChangeBatch batch;
  batch.parts.push_back({ChangeKind::Events, "e.csv", "",
                         "contact_id,type,at\n900,support_ticket,2026-10-30T10:00:00Z\n"});
  batch.parts.push_back({ChangeKind::Contacts, "c.csv", "",
                         header + "900,a@b.c,,other,DE,Berlin,3,retail,free,,2026-10-01T00:00:00Z,"
                                  "2026-10-30T00:00:00Z,0.00,,mobile,false\n"});
  LoadReport report;
  std::optional<ApplyCounts> counts = live.apply(batch, 1, report);
  ASSERT_TRUE(counts) << report.render();
  EXPECT_EQ(counts->contactsCreated, 1u);
  EXPECT_EQ(counts->eventsAppended, 1u);
  EXPECT_EQ(live.current()->contacts.rows, 6u);
  EXPECT_EQ(live.takeTouched(), std::vector<std::uint32_t>{5});
}

TEST(LiveStore, RejectedBatchesSayWhyAndChangeNothing) {
  const StoreSchema schema = crmStoreSchema();
  test::CrmChanges model(8, 5, 10, kNow);
  Store base = loadText(schema, model.contactsCsv(), model.eventsCsv());
  LiveStore live(std::make_shared<const Store>(base));
  ChangeBatch batch;
  batch.parts.push_back({ChangeKind::Contacts, "c.csv", "", "id,plan\n1,pro\n2,platinum\n"});
  batch.parts.push_back({ChangeKind::Events, "e.csv", "",
                         "contact_id,type,at\n77,form_submit,2026-10-30T10:00:00Z\n"});
  LoadReport report;
  EXPECT_FALSE(live.apply(batch, 1, report));
  const std::string text = report.render();
  EXPECT_NE(text.find("c.csv:3"), std::string::npos) << text;
  EXPECT_NE(text.find("platinum"), std::string::npos) << text;
  EXPECT_NE(text.find("e.csv:2"), std::string::npos) << text;
  EXPECT_FALSE(firstDifference(*live.current(), base));

  ChangeBatch noKey;
  noKey.parts.push_back({ChangeKind::Contacts, "k.csv", "", "plan\npro\n"});
  LoadReport keyReport;
  EXPECT_FALSE(live.apply(noKey, 1, keyReport));
  EXPECT_NE(keyReport.render().find("missing the key column 'id'"), std::string::npos)
      << keyReport.render();
}

TEST(LiveStore, NdjsonUpsertsTellAMissingKeyFromNull) {
  const StoreSchema schema = crmStoreSchema();
  test::CrmChanges model(9, 3, 3, kNow);
  LiveStore live(
      std::make_shared<const Store>(loadText(schema, model.contactsCsv(), model.eventsCsv())));
  ChangeBatch batch;
  // Contact 1: age set to null, plan changed, the rest unchanged; contact 2: only nps.
  batch.parts.push_back(
      {ChangeKind::Contacts, "c.ndjson", "",
       "{\"id\": 1, \"age\": null, \"plan\": \"pro\"}\n{\"id\": 2, \"nps\": 10}\n"});
  LoadReport report;
  ASSERT_TRUE(live.apply(batch, 1, report)) << report.render();
  std::shared_ptr<const Store> store = live.current();
  const auto field = [&](const char* name) {
    return static_cast<std::size_t>(schema.contactFieldIndex(name));
  };
  const Column& age = store->contacts.columns[field("age")];
  const Column& city = store->contacts.columns[field("city")];
  const Column& nps = store->contacts.columns[field("nps")];
  EXPECT_FALSE(age.isValid(0));
  EXPECT_TRUE(city.isValid(0));
  // The city the base data gave contact 1: the sixth cell of the first data line.
  std::string line = model.contactsCsv().substr(model.contactsCsv().find('\n') + 1);
  for (int cell = 0; cell < 5; ++cell)
    line = line.substr(line.find(',') + 1);
  EXPECT_EQ(store->contacts.dictionaries[field("city")].at(city.values<std::uint32_t>()[0]),
            line.substr(0, line.find(',')));
  EXPECT_EQ(nps.values<std::int64_t>()[1], 10);

  ChangeBatch keyless;
  keyless.parts.push_back({ChangeKind::Contacts, "k.ndjson", "", "{\"plan\": \"pro\"}\n"});
  LoadReport keyReport;
  EXPECT_FALSE(live.apply(keyless, 1, keyReport));
  EXPECT_NE(keyReport.render().find("no 'id'"), std::string::npos) << keyReport.render();
}

} // namespace
} // namespace seg::runtime::live
