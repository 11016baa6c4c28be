// The loader end to end: a file with a dozen kinds of broken rows reports each precisely
// and loads none of them; generated data round-trips through a snapshot exactly; events
// are sorted; every input layout (combined, per type, TYPE=PATH, NDJSON) loads.
#include "load/DataLoader.h"

#include "TestCompile.h"
#include "load/RejectWriter.h"
#include "sampledata/CrmGenerator.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/SnapshotReader.h"
#include "snapshot/SnapshotWriter.h"
#include "store/StoreCompare.h"
#include "store/StoreSchema.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>

namespace seg::runtime {
namespace {

namespace fs = std::filesystem;

StoreSchema crmStoreSchema() {
  Compilation compilation = test::compileText(test::crmSchema());
  EXPECT_TRUE(compilation.ok());
  return storeSchemaOf(compilation.program->schema);
}

class TempDir {
public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("seg-load-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& text = {}) const {
    std::string p = (path_ / name).string();
    if (!text.empty()) std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string path() const { return path_.string(); }

private:
  static inline int counter_ = 0;
  fs::path path_;
};

const char* kContactsHeader = "id,email,age,gender,country,city,company_size,industry,plan,"
                              "trial_days_left,signup_at,last_seen_at,lifetime_value,nps,device,"
                              "email_opt_in\n";

std::string contactRow(int id, const std::string& city = "Paris") {
  return std::to_string(id) + ",c" + std::to_string(id) + "@example.com,30,female,FR," + city +
         ",10,retail,free,,2026-01-01,2026-10-01T00:00:00Z,0,,mobile,true\n";
}

TEST(DataLoader, BrokenRowsAreEachReportedAndNothingIsLoaded) {
  fs::current_path(test::sourceDir());
  LoadOptions options;
  options.contactsPath = "tests/load/cases/broken/contacts.csv";
  options.events = {{"tests/load/cases/broken/events.csv", ""}};
  LoadResult result = loadData(crmStoreSchema(), options);
  EXPECT_FALSE(result.store.has_value());
  EXPECT_EQ(result.report.rejectedCount(), 16u);
  EXPECT_EQ(result.report.render(),
            test::readFile(test::sourceDir() + "/tests/load/cases/broken/expected.txt"));
}

TEST(DataLoader, ErrorBudgetLoadsTheGoodRowsOnly) {
  fs::current_path(test::sourceDir());
  LoadOptions options;
  options.contactsPath = "tests/load/cases/broken/contacts.csv";
  options.events = {{"tests/load/cases/broken/events.csv", ""}};
  options.maxErrors = 16;
  LoadResult result = loadData(crmStoreSchema(), options);
  ASSERT_TRUE(result.store.has_value());
  EXPECT_EQ(result.store->contacts.rows, 2u);
  EXPECT_EQ(result.store->eventCount(), 3u);
  // The quoted, multi-line value survives intact.
  const StoreSchema& schema = result.store->schema;
  int city = schema.contactFieldIndex("city");
  const Column& cities = result.store->contacts.columns[city];
  EXPECT_EQ(result.store->contacts.dictionaries[city].at(cities.values<std::uint32_t>()[1]),
            "San\nFrancisco");
  int email = schema.contactFieldIndex("email");
  EXPECT_EQ(result.store->contacts.dictionaries[email].at(
                result.store->contacts.columns[email].values<std::uint32_t>()[1]),
            "lee, the \"second\"@example.com");

  options.maxErrors = 15;
  EXPECT_FALSE(loadData(crmStoreSchema(), options).store.has_value());
}

TEST(DataLoader, RejectFilesHoldTheRowsUnchanged) {
  fs::current_path(test::sourceDir());
  LoadOptions options;
  options.contactsPath = "tests/load/cases/broken/contacts.csv";
  options.events = {{"tests/load/cases/broken/events.csv", ""}};
  LoadResult result = loadData(crmStoreSchema(), options);
  TempDir dir;
  ASSERT_FALSE(writeRejects(result.report, dir.path()).has_value());
  std::string events = test::readFile(dir.path() + "/events.csv");
  EXPECT_EQ(events, "contact_id,type,at,amount,campaign,url\n"
                    "999,purchase,2026-10-30T10:00:00Z,5,,\n"
                    "1,purchse,2026-10-30T10:00:00Z,5,,\n"
                    "1,purchase,2026-10-30T10:00:00Z,5,,/checkout\n"
                    "1,page_view,yesterday,,,/\n"
                    "11,purchase,2026-10-30T10:00:00Z,free,,\n");
  std::string errors = test::readFile(dir.path() + "/events.csv.errors");
  EXPECT_NE(errors.find("tests/load/cases/broken/events.csv:4: column 'contact_id': event for "
                        "an unknown contact '999'"),
            std::string::npos);
}

TEST(DataLoader, EventsAreSortedByContactThenTime) {
  TempDir dir;
  std::string contacts = dir.file("contacts.csv", kContactsHeader + contactRow(7) + contactRow(3));
  std::string events = dir.file("page_view.csv", "contact_id,at,url\n"
                                                 "3,2026-10-03T00:00:00Z,/c\n"
                                                 "7,2026-10-02T00:00:00Z,/b\n"
                                                 "3,2026-10-01T00:00:00Z,/a\n"
                                                 "7,2026-10-02T00:00:00Z,/b2\n");
  LoadOptions options;
  options.contactsPath = contacts;
  options.events = {{events, ""}};
  LoadResult result = loadData(crmStoreSchema(), options);
  ASSERT_TRUE(result.store) << result.report.render();
  const Store& store = *result.store;
  const EventTable& views = store.events[store.schema.eventIndex("page_view")];
  ASSERT_EQ(views.rows, 4u);
  // Contact rows follow the file: 7 is row 0, 3 is row 1.
  EXPECT_EQ(std::vector<std::uint32_t>(views.offsets.begin(), views.offsets.end()),
            (std::vector<std::uint32_t>{0, 2, 4}));
  std::vector<std::string> urls;
  for (std::uint32_t code : views.columns[1].values<std::uint32_t>())
    urls.emplace_back(views.dictionaries[1].at(code));
  // Equal times keep their file order.
  EXPECT_EQ(urls, (std::vector<std::string>{"/b", "/b2", "/a", "/c"}));
}

TEST(DataLoader, TypeGivenOnTheCommandLineAndNdjson) {
  TempDir dir;
  std::string contacts =
      dir.file("contacts.ndjson",
               "{\"id\": 1, \"email\": \"a@x.com\", \"age\": null, \"gender\": \"male\", "
               "\"country\": \"US\", \"city\": \"Reno\", \"company_size\": 3, \"industry\": \"x\", "
               "\"plan\": \"pro\", \"signup_at\": \"2026-01-01\", \"last_seen_at\": "
               "\"2026-10-01T00:00:00Z\", \"lifetime_value\": 1.5, \"device\": \"mobile\", "
               "\"email_opt_in\": true, \"shoe_size\": 44}\n");
  std::string buys = dir.file("buys.csv", "contact_id,at,amount\n1,2026-10-01T00:00:00Z,9.5\n");
  std::string opens = dir.file("opens.jsonl", "{\"contact_id\": 1, \"type\": \"email_open\", "
                                              "\"at\": \"2026-10-02T00:00:00Z\", \"campaign\": "
                                              "\"c1\"}\n");
  LoadOptions options;
  options.contactsPath = contacts;
  options.events = {parseEventArgument("purchase=" + buys), {opens, ""}};
  LoadResult result = loadData(crmStoreSchema(), options);
  ASSERT_TRUE(result.store) << result.report.render();
  EXPECT_EQ(result.store->contacts.rows, 1u);
  EXPECT_EQ(result.store->events[result.store->schema.eventIndex("purchase")].rows, 1u);
  EXPECT_EQ(result.store->events[result.store->schema.eventIndex("email_open")].rows, 1u);
  // Nullable fields may be missing; unknown keys are a warning.
  EXPECT_NE(result.report.render().find("unknown key 'shoe_size' is ignored"), std::string::npos);
}

TEST(DataLoader, MissingRequiredColumnIsFatal) {
  TempDir dir;
  std::string contacts = dir.file("contacts.csv", "id,email\n1,a@x.com\n");
  LoadOptions options;
  options.contactsPath = contacts;
  LoadResult result = loadData(crmStoreSchema(), options);
  EXPECT_FALSE(result.store);
  ASSERT_TRUE(result.report.hasFatal());
  EXPECT_EQ(result.report.fatalErrors().front(),
            contacts + ": missing column 'gender', which the schema requires");
}

TEST(DataLoader, EventFileOfUnknownTypeIsFatal) {
  TempDir dir;
  std::string contacts = dir.file("contacts.csv", kContactsHeader + contactRow(1));
  std::string events = dir.file("stuff.csv", "contact_id,at\n1,2026-10-01\n");
  LoadOptions options;
  options.contactsPath = contacts;
  options.events = {{events, ""}};
  LoadResult result = loadData(crmStoreSchema(), options);
  ASSERT_TRUE(result.report.hasFatal());
  EXPECT_NE(result.report.fatalErrors().front().find("cannot tell which event type"),
            std::string::npos);
}

TEST(DataLoader, CrlfAndByteOrderMark) {
  TempDir dir;
  std::string text = std::string("\xEF\xBB\xBF") + kContactsHeader + contactRow(1) + contactRow(2);
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  LoadOptions options;
  options.contactsPath = dir.file("contacts.csv", crlf);
  LoadResult result = loadData(crmStoreSchema(), options);
  ASSERT_TRUE(result.store) << result.report.render();
  EXPECT_EQ(result.store->contacts.rows, 2u);
}

// Columns are equal value for value and null for null.
void expectSameColumn(const Column& a, const Column& b, const Dictionary* da,
                      const Dictionary* db) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.kind(), b.kind());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.isValid(i), b.isValid(i)) << "row " << i;
    if (!a.isValid(i)) continue;
    switch (a.kind()) {
    case ValueKind::Float:
      ASSERT_EQ(a.values<double>()[i], b.values<double>()[i]);
      break;
    case ValueKind::Int:
    case ValueKind::Timestamp:
      ASSERT_EQ(a.values<std::int64_t>()[i], b.values<std::int64_t>()[i]);
      break;
    case ValueKind::Bool:
      ASSERT_EQ(a.values<std::uint8_t>()[i], b.values<std::uint8_t>()[i]);
      break;
    case ValueKind::Enum:
      ASSERT_EQ(a.values<std::uint32_t>()[i], b.values<std::uint32_t>()[i]);
      break;
    case ValueKind::String:
      ASSERT_EQ(da->at(a.values<std::uint32_t>()[i]), db->at(b.values<std::uint32_t>()[i]));
      break;
    }
  }
}

TEST(DataLoader, GeneratedDataRoundTripsThroughASnapshot) {
  TempDir dir;
  GenOptions gen;
  gen.contacts = 5000;
  gen.seed = 7;
  gen.outDir = dir.path();
  GenSummary summary;
  ASSERT_FALSE(generateCrm(gen, summary).has_value());

  StoreSchema schema = crmStoreSchema();
  LoadOptions options;
  ASSERT_FALSE(findDataFiles(dir.path(), schema, options).has_value());
  options.threads = 3; // more threads than cores: the result must not depend on it
  LoadResult loaded = loadData(schema, options);
  ASSERT_TRUE(loaded.store) << loaded.report.render();
  EXPECT_EQ(loaded.store->contacts.rows, summary.contacts);
  EXPECT_EQ(loaded.store->eventCount(), summary.events());

  std::string snapshot = dir.file("data.segdb");
  ASSERT_FALSE(writeSnapshot(*loaded.store, snapshot).has_value());
  SnapshotResult reopened = openSnapshot(snapshot, &schema, true);
  ASSERT_TRUE(reopened.store) << reopened.error;
  const Store& a = *loaded.store;
  const Store& b = *reopened.store;
  for (std::size_t f = 0; f < schema.contactFields.size(); ++f)
    expectSameColumn(a.contacts.columns[f], b.contacts.columns[f], &a.contacts.dictionaries[f],
                     &b.contacts.dictionaries[f]);
  for (std::size_t e = 0; e < schema.events.size(); ++e) {
    ASSERT_EQ(a.events[e].rows, b.events[e].rows);
    EXPECT_TRUE(std::equal(a.events[e].offsets.begin(), a.events[e].offsets.end(),
                           b.events[e].offsets.begin(), b.events[e].offsets.end()));
    for (std::size_t p = 0; p < schema.events[e].properties.size(); ++p)
      expectSameColumn(a.events[e].columns[p], b.events[e].columns[p], &a.events[e].dictionaries[p],
                       &b.events[e].dictionaries[p]);
  }

  // Loading with one thread gives the same store (dictionary codes included).
  options.threads = 1;
  LoadResult single = loadData(schema, options);
  ASSERT_TRUE(single.store);
  for (std::size_t e = 0; e < schema.events.size(); ++e)
    for (std::size_t p = 0; p < schema.events[e].properties.size(); ++p)
      expectSameColumn(single.store->events[e].columns[p], a.events[e].columns[p],
                       &single.store->events[e].dictionaries[p], &a.events[e].dictionaries[p]);
}

} // namespace
} // namespace seg::runtime

namespace seg::runtime {
namespace {

// Mutated inputs never crash the loader, and every row read is either loaded or rejected.
TEST(DataLoaderFuzz, MutatedFilesAreAccountedForRowByRow) {
  TempDir dir;
  GenOptions gen;
  gen.contacts = 200;
  gen.seed = 3;
  gen.outDir = dir.path();
  GenSummary summary;
  ASSERT_FALSE(generateCrm(gen, summary).has_value());
  const std::string contacts = test::readFile(dir.path() + "/contacts.csv");
  const std::string events = test::readFile(dir.path() + "/events.csv");
  StoreSchema schema = crmStoreSchema();
  std::mt19937 rng(11);
  for (int round = 0; round < 60; ++round) {
    std::string c = contacts, e = events;
    for (std::string* text : {&c, &e}) {
      for (int edits = 1 + static_cast<int>(rng() % 6); edits > 0; --edits) {
        std::size_t at = rng() % text->size();
        switch (rng() % 4) {
        case 0:
          text->erase(at, 1 + rng() % 20);
          break;
        case 1:
          text->insert(at, 1, ",\"\n\r x0-:"[rng() % 10]);
          break;
        case 2:
          (*text)[at] = static_cast<char>(rng() % 256);
          break;
        default:
          text->insert(at, text->substr(rng() % text->size(), 30));
          break;
        }
      }
    }
    LoadOptions options;
    options.contactsPath = dir.file("c.csv", c);
    options.events = {{dir.file("e.csv", e), "page_view"}};
    options.events.front().type.clear(); // the combined file names its types
    options.maxErrors = 1'000'000;
    LoadResult result = loadData(schema, options);
    for (const FileSummary& f : result.report.files())
      EXPECT_EQ(f.read, f.loaded + f.rejected) << f.path << " round " << round;
    if (!result.report.hasFatal()) {
      ASSERT_TRUE(result.store);
      EXPECT_EQ(result.store->contacts.rows, result.report.files()[0].loaded);
    }
  }
}

} // namespace
} // namespace seg::runtime

namespace seg::runtime {
namespace {

TEST(StoreCompare, FindsTheFirstDifferentValue) {
  TempDir dir;
  LoadOptions a, b;
  a.contactsPath = dir.file("a.csv", kContactsHeader + contactRow(1) + contactRow(2));
  b.contactsPath = dir.file("b.csv", kContactsHeader + contactRow(1) + contactRow(2, "Lyon"));
  LoadResult x = loadData(crmStoreSchema(), a), y = loadData(crmStoreSchema(), b);
  ASSERT_TRUE(x.store && y.store);
  EXPECT_EQ(firstDifference(*x.store, *x.store), std::nullopt);
  EXPECT_EQ(firstDifference(*x.store, *y.store),
            std::optional<std::string>("contact column 'city', row 1: 'Paris' vs 'Lyon'"));
}

} // namespace
} // namespace seg::runtime
