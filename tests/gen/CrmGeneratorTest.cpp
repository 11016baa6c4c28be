// `seg gen`: the CRM data set is deterministic, matches the example schema cell by cell
// (checked against the compiled schema, not a copy of it) and is realistic enough for the
// example segments: power-law events, pricing visits, churned and trial contacts.
#include "sampledata/CrmGenerator.h"

#include "TestCompile.h"
#include "sampledata/Distributions.h"
#include "sema/StoreSchemaOf.h"
#include "store/StoreSchema.h"
#include "syntax/Literals.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace seg::runtime {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86400;
const std::int64_t kNow = kDefaultGenNowMicros / 1000000;

// A directory removed when the test ends.
class ScratchDir {
public:
  explicit ScratchDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("seg_gen_test_" + std::to_string(::getpid()) + "_" + name)) {
    fs::remove_all(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

GenSummary generate(const fs::path& dir, std::uint64_t contacts, std::uint64_t seed) {
  GenSummary summary;
  const std::optional<std::string> error =
      generateCrm(GenOptions{contacts, seed, dir.string(), kDefaultGenNowMicros}, summary);
  EXPECT_FALSE(error) << *error;
  return summary;
}

std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes)
    hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Lines of a file without the final empty one; the file must end with a line break.
std::vector<std::string_view> lines(const std::string& text) {
  EXPECT_TRUE(!text.empty() && text.back() == '\n');
  std::vector<std::string_view> out =
      split(std::string_view(text).substr(0, text.size() - 1), '\n');
  return out;
}

template <class T> std::optional<T> parseNumber(std::string_view cell) {
  T value{};
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || end != cell.data() + cell.size()) return std::nullopt;
  return value;
}

// Exactly `2026-10-30T10:00:00Z`: the only spelling the generator may write.
std::optional<std::int64_t> parseTimestamp(std::string_view cell) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (cell.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < cell.size(); ++i)
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(cell[i]))
                         : cell[i] != kShape[i])
      return std::nullopt;
  const Decoded<std::int64_t> decoded = decodeTimestamp(cell);
  if (!decoded.value) return std::nullopt;
  return *decoded.value / 1000000;
}

bool isMoney(std::string_view cell) {
  const std::size_t dot = cell.find('.');
  return dot != std::string_view::npos && dot > 0 && cell.size() - dot == 3 &&
         parseNumber<std::int64_t>(cell.substr(0, dot)) &&
         parseNumber<std::int64_t>(cell.substr(dot + 1)) && parseNumber<double>(cell);
}

// Why `cell` is not a valid value of `column`, or empty.
std::string cellError(const ColumnSpec& column, std::string_view cell) {
  if (cell.empty()) return column.nullable ? "" : "null in a non-nullable column";
  switch (column.kind) {
  case ValueKind::Int:
    return parseNumber<std::int64_t>(cell) ? "" : "not an int";
  case ValueKind::Float:
    return isMoney(cell) ? "" : "not a float with two decimals";
  case ValueKind::Bool:
    return cell == "true" || cell == "false" ? "" : "not a bool";
  case ValueKind::Timestamp:
    return parseTimestamp(cell) ? "" : "not an ISO-8601 UTC timestamp";
  case ValueKind::Enum:
    return std::find(column.enumValues.begin(), column.enumValues.end(), cell) !=
                   column.enumValues.end()
               ? ""
               : "not a value of the enum";
  case ValueKind::String:
    return cell.find_first_of("\"\r") == std::string_view::npos ? "" : "needs quoting";
  }
  return "unknown kind";
}

StoreSchema crmStoreSchema() {
  const Compilation compilation = test::compileText(test::crmSchema(), "crm.schema.seg");
  EXPECT_TRUE(compilation.ok()) << test::renderAll(compilation);
  return storeSchemaOf(compilation.program->schema);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ",") + name;
  return out;
}

// One generated data set, read back for inspection; shared by the tests below.
class GeneratedCrm : public ::testing::Test {
protected:
  static constexpr std::uint64_t kContacts = 20000;

  static void SetUpTestSuite() {
    dir_ = std::make_unique<ScratchDir>("shared");
    summary_ = generate(dir_->path(), kContacts, 42);
    contacts_ = test::readFile((dir_->path() / "contacts.csv").string());
    events_ = test::readFile((dir_->path() / "events.csv").string());
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static inline std::unique_ptr<ScratchDir> dir_;
  static inline GenSummary summary_;
  static inline std::string contacts_;
  static inline std::string events_;
};

// ---- determinism ----

TEST(CrmGenerator, SameSeedWritesIdenticalBytes) {
  ScratchDir a("same_a"), b("same_b");
  const GenSummary first = generate(a.path(), 3000, 7);
  const GenSummary second = generate(b.path(), 3000, 7);
  for (const char* file : {"contacts.csv", "events.csv"}) {
    const std::string x = test::readFile((a.path() / file).string());
    const std::string y = test::readFile((b.path() / file).string());
    EXPECT_EQ(fnv1a(x), fnv1a(y)) << file;
    EXPECT_EQ(x.size(), y.size()) << file;
  }
  EXPECT_EQ(first.eventsByType, second.eventsByType);
  EXPECT_EQ(first.contactBytes, fs::file_size(a.path() / "contacts.csv"));
  EXPECT_EQ(first.eventBytes, fs::file_size(a.path() / "events.csv"));
}

TEST(CrmGenerator, DifferentSeedWritesDifferentData) {
  ScratchDir a("seed_a"), b("seed_b");
  generate(a.path(), 3000, 7);
  generate(b.path(), 3000, 8);
  for (const char* file : {"contacts.csv", "events.csv"})
    EXPECT_NE(fnv1a(test::readFile((a.path() / file).string())),
              fnv1a(test::readFile((b.path() / file).string())))
        << file;
}

TEST(CrmGenerator, AContactDoesNotDependOnHowManyAreGenerated) {
  // Each contact has its own random stream, so a smaller data set is a prefix of a larger.
  ScratchDir small("prefix_small"), large("prefix_large");
  generate(small.path(), 100, 3);
  generate(large.path(), 400, 3);
  for (const char* file : {"contacts.csv", "events.csv"}) {
    const std::string a = test::readFile((small.path() / file).string());
    const std::string b = test::readFile((large.path() / file).string());
    EXPECT_EQ(b.substr(0, a.size()), a) << file;
  }
}

TEST(CrmGenerator, ZeroContactsWritesHeadersOnly) {
  ScratchDir dir("empty");
  const GenSummary summary = generate(dir.path(), 0, 1);
  EXPECT_EQ(summary.events(), 0u);
  EXPECT_EQ(lines(test::readFile((dir.path() / "contacts.csv").string())).size(), 1u);
  EXPECT_EQ(lines(test::readFile((dir.path() / "events.csv").string())).size(), 1u);
  EXPECT_FALSE(fs::exists(dir.path() / "events.csv.partial"));
}

TEST(CrmGenerator, ReportsAnUnusableDirectoryAsAnError) {
  ScratchDir dir("blocked");
  fs::create_directories(dir.path());
  std::ofstream(dir.path() / "file") << "not a directory";
  GenSummary summary;
  const auto error =
      generateCrm(GenOptions{10, 1, (dir.path() / "file" / "sub").string()}, summary);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("cannot create directory"), std::string::npos) << *error;
  EXPECT_TRUE(generateCrm(GenOptions{10, 1, ""}, summary));
}

TEST(CrmGenerator, ReportsAFileThatCannotBeWrittenAndLeavesNoPartialFiles) {
  ScratchDir dir("unwritable");
  fs::create_directories(dir.path() / "contacts.csv.partial"); // fopen fails, even as root
  GenSummary summary;
  const auto error = generateCrm(GenOptions{5000, 1, dir.path().string()}, summary);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("contacts.csv.partial"), std::string::npos) << *error;
  EXPECT_FALSE(fs::exists(dir.path() / "events.csv.partial"));
  EXPECT_FALSE(fs::exists(dir.path() / "events.csv"));
  EXPECT_FALSE(fs::exists(dir.path() / "contacts.csv"));
}

TEST(CrmGenerator, PortableMathAgreesWithTheStandardLibrary) {
  for (double x : {1e-300, 1e-9, 0.001, 0.5, 0.7071, 0.99, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300})
    EXPECT_NEAR(portableLog(x), std::log(x), 1e-12 * std::max(1.0, std::fabs(std::log(x)))) << x;
  for (double x : {-700.0, -20.0, -1.0, -1e-9, 0.0, 0.3466, 1.0, 5.5, 100.0, 700.0})
    EXPECT_NEAR(portableExp(x) / std::exp(x), 1.0, 1e-12) << x;
}

// ---- schema conformance ----

TEST(CrmGenerator, TheValidatorRejectsMalformedCells) {
  ColumnSpec column;
  column.kind = ValueKind::Int;
  EXPECT_NE(cellError(column, ""), "");
  EXPECT_NE(cellError(column, "12a"), "");
  column.nullable = true;
  EXPECT_EQ(cellError(column, ""), "");
  column.kind = ValueKind::Float;
  EXPECT_EQ(cellError(column, "19.99"), "");
  EXPECT_NE(cellError(column, "19.9"), "");
  column.kind = ValueKind::Bool;
  EXPECT_NE(cellError(column, "yes"), "");
  column.kind = ValueKind::Timestamp;
  EXPECT_EQ(cellError(column, "2026-10-30T10:00:00Z"), "");
  EXPECT_NE(cellError(column, "2026-10-30 10:00:00"), "");
  EXPECT_NE(cellError(column, "2026-10-30T10:00:00+00:00"), "");
  EXPECT_NE(cellError(column, "2026-13-30T10:00:00Z"), "");
  column.kind = ValueKind::Enum;
  column.enumValues = {"free", "trial"};
  EXPECT_EQ(cellError(column, "trial"), "");
  EXPECT_NE(cellError(column, "Trial"), "");
}

TEST_F(GeneratedCrm, HeadersAreTheSchemaFieldsInSchemaOrder) {
  const StoreSchema schema = crmStoreSchema();
  std::vector<std::string> names;
  for (const ColumnSpec& field : schema.contactFields)
    names.push_back(field.name);
  const std::string_view header = lines(contacts_).front();
  EXPECT_EQ(header, joined(names));
  EXPECT_EQ(header, "id,email,age,gender,country,city,company_size,industry,plan,trial_days_left,"
                    "signup_at,last_seen_at,lifetime_value,nps,device,email_opt_in");
  EXPECT_EQ(lines(events_).front(), "contact_id,type,at,amount,campaign,url");
}

TEST_F(GeneratedCrm, EveryContactCellIsAValueOfItsSchemaType) {
  const StoreSchema schema = crmStoreSchema();
  const std::vector<std::string_view> rows = lines(contacts_);
  ASSERT_EQ(rows.size(), kContacts + 1);
  const int plan = schema.contactFieldIndex("plan");
  const int trialDaysLeft = schema.contactFieldIndex("trial_days_left");
  const int signup = schema.contactFieldIndex("signup_at");
  const int lastSeen = schema.contactFieldIndex("last_seen_at");
  const int email = schema.contactFieldIndex("email");
  std::size_t failures = 0;
  auto fail = [&](std::string_view row, const std::string& why) {
    if (++failures <= 10) ADD_FAILURE() << why << ": " << row;
  };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string_view> cells = split(rows[r], ',');
    if (cells.size() != schema.contactFields.size()) {
      fail(rows[r], "wrong number of cells");
      continue;
    }
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (const std::string error = cellError(schema.contactFields[c], cells[c]); !error.empty())
        fail(rows[r], schema.contactFields[c].name + ": " + error);
    if (cells[0] != std::to_string(r)) fail(rows[r], "ids are not 1..N in order");
    if (cells[trialDaysLeft].empty() != (cells[plan] != "trial"))
      fail(rows[r], "trial_days_left must be set exactly for trials");
    if (cells[email].find('@') == std::string_view::npos) fail(rows[r], "e-mail without @");
    const auto signupAt = parseTimestamp(cells[signup]);
    const auto lastSeenAt = parseTimestamp(cells[lastSeen]);
    if (signupAt && lastSeenAt && (*lastSeenAt < *signupAt || *lastSeenAt >= kNow))
      fail(rows[r], "last_seen_at outside [signup_at, now)");
  }
  EXPECT_EQ(failures, 0u);
}

TEST_F(GeneratedCrm, EveryEventRowFitsItsTypeAndItsContact) {
  const StoreSchema schema = crmStoreSchema();
  const int signup = schema.contactFieldIndex("signup_at");
  std::vector<std::int64_t> signupOf(kContacts + 1);
  const std::vector<std::string_view> contactRows = lines(contacts_);
  for (std::size_t r = 1; r < contactRows.size(); ++r)
    signupOf[r] = parseTimestamp(split(contactRows[r], ',')[signup]).value_or(0);

  const std::vector<std::string> columns = {"amount", "campaign", "url"};
  const std::vector<std::string_view> rows = lines(events_);
  std::size_t failures = 0;
  auto fail = [&](std::string_view row, const std::string& why) {
    if (++failures <= 10) ADD_FAILURE() << why << ": " << row;
  };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string_view> cells = split(rows[r], ',');
    if (cells.size() != 3 + columns.size()) {
      fail(rows[r], "wrong number of cells");
      continue;
    }
    const auto contact = parseNumber<std::uint64_t>(cells[0]);
    if (!contact || *contact < 1 || *contact > kContacts) {
      fail(rows[r], "unknown contact");
      continue;
    }
    const int type = schema.eventIndex(cells[1]);
    if (type < 0) {
      fail(rows[r], "unknown event type");
      continue;
    }
    const auto at = parseTimestamp(cells[2]);
    if (!at || *at < signupOf[*contact] || *at >= kNow)
      fail(rows[r], "at is not a timestamp in [signup_at, now)");
    const EventSpec& event = schema.events[static_cast<std::size_t>(type)];
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto property = std::find_if(event.properties.begin(), event.properties.end(),
                                         [&](const ColumnSpec& p) { return p.name == columns[c]; });
      const std::string_view cell = cells[3 + c];
      if (property == event.properties.end()) {
        if (!cell.empty()) fail(rows[r], columns[c] + " set on a type without it");
      } else if (cell.empty() && !property->nullable) {
        fail(rows[r], columns[c] + " missing");
      } else if (const std::string error = cellError(*property, cell); !error.empty()) {
        fail(rows[r], columns[c] + ": " + error);
      }
    }
  }
  EXPECT_EQ(failures, 0u);
  EXPECT_EQ(rows.size() - 1, summary_.events());
}

// ---- realism ----

TEST_F(GeneratedCrm, EventsPerContactFollowAPowerLawWithAMeanNearTwenty) {
  std::vector<std::uint32_t> perContact(kContacts + 1);
  const std::vector<std::string_view> rows = lines(events_);
  for (std::size_t r = 1; r < rows.size(); ++r)
    ++perContact[parseNumber<std::uint64_t>(split(rows[r], ',')[0]).value_or(0)];
  const double mean = static_cast<double>(rows.size() - 1) / kContacts;
  EXPECT_GE(mean, 15.0);
  EXPECT_LE(mean, 25.0);
  std::sort(perContact.begin() + 1, perContact.end());
  const std::uint32_t median = perContact[kContacts / 2];
  EXPECT_LT(median, mean * 0.8) << "a long tail puts the median well below the mean";
  EXPECT_GE(perContact.back(), 400u);
  EXPECT_LE(perContact.back(), 2000u);
  for (std::size_t type = 0; type < kEventTypeCount; ++type)
    EXPECT_GT(summary_.eventsByType[type], 100u) << kEventTypeNames[type];
  const auto& by = summary_.eventsByType;
  EXPECT_EQ(*std::max_element(by.begin(), by.end()), by[indexOf(EventType::PageView)]);
  EXPECT_LT(by[indexOf(EventType::EmailClick)], by[indexOf(EventType::EmailOpen)]);
}

TEST_F(GeneratedCrm, SomeContactsLookAtPricingTwiceInTwoWeeks) {
  std::map<std::uint64_t, int> pricingViews;
  const std::vector<std::string_view> rows = lines(events_);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string_view> cells = split(rows[r], ',');
    if (cells[1] == "page_view" && cells[5] == "/pricing" &&
        parseTimestamp(cells[2]).value_or(0) > kNow - 14 * kDay)
      ++pricingViews[parseNumber<std::uint64_t>(cells[0]).value_or(0)];
  }
  const auto matches = std::count_if(pricingViews.begin(), pricingViews.end(),
                                     [](const auto& entry) { return entry.second >= 2; });
  const double share = static_cast<double>(matches) / kContacts;
  EXPECT_GE(share, 0.01);
  EXPECT_LE(share, 0.15);
}

TEST_F(GeneratedCrm, ContactsMixPlansLifecycleStagesAndNulls) {
  const StoreSchema schema = crmStoreSchema();
  const auto field = [&](std::string_view name) {
    return static_cast<std::size_t>(schema.contactFieldIndex(name));
  };
  std::map<std::string, double> share;
  const std::vector<std::string_view> rows = lines(contacts_);
  std::set<std::string_view> countries;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string_view> cells = split(rows[r], ',');
    const std::int64_t lastSeen = parseTimestamp(cells[field("last_seen_at")]).value_or(0);
    share["churned"] += lastSeen < kNow - 90 * kDay;
    share["at risk"] += lastSeen >= kNow - 90 * kDay && lastSeen < kNow - 30 * kDay;
    share["trial"] += cells[field("plan")] == "trial";
    share["free"] += cells[field("plan")] == "free";
    share["enterprise"] += cells[field("plan")] == "enterprise";
    share["age null"] += cells[field("age")].empty();
    share["nps null"] += cells[field("nps")].empty();
    share["opted in"] += cells[field("email_opt_in")] == "true";
    share["US"] += cells[field("country")] == "US";
    share["New York"] += cells[field("city")] == "New York";
    share["gmail"] += cells[field("email")].ends_with("@gmail.com");
    share["ltv > 0"] += cells[field("lifetime_value")] != "0.00";
    countries.insert(cells[field("country")]);
  }
  for (auto& [name, value] : share)
    value /= kContacts;
  const std::map<std::string, std::pair<double, double>> expected = {
      {"churned", {0.10, 0.35}},  {"at risk", {0.05, 0.25}},    {"trial", {0.02, 0.15}},
      {"free", {0.45, 0.75}},     {"enterprise", {0.02, 0.10}}, {"age null", {0.12, 0.18}},
      {"nps null", {0.5, 0.7}},   {"opted in", {0.65, 0.75}},   {"US", {0.2, 0.4}},
      {"New York", {0.03, 0.15}}, {"gmail", {0.05, 0.4}},       {"ltv > 0", {0.1, 0.7}}};
  for (const auto& [name, range] : expected) {
    EXPECT_GE(share[name], range.first) << name;
    EXPECT_LE(share[name], range.second) << name;
  }
  EXPECT_GE(countries.size(), 15u);
}

} // namespace
} // namespace seg::runtime
