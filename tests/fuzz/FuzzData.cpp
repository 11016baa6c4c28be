// Writes the data sets as CSV into a temporary folder and loads them with the real loader.
#include "FuzzData.h"

#include "FuzzRandom.h"
#include "TestCompile.h"
#include "load/DataLoader.h"
#include "sampledata/CrmGenerator.h"
#include "sema/StoreSchemaOf.h"
#include "store/StoreSchema.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace seg::fuzz {
namespace {

namespace fs = std::filesystem;

runtime::StoreSchema crmStoreSchema() {
  Compilation compilation = test::compileText(test::crmSchema());
  if (!compilation.ok()) throw std::runtime_error("the CRM schema does not check");
  return storeSchemaOf(compilation.program->schema);
}

fs::path tempDir(const std::string& tag) {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("seg-fuzz-" + tag + "-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
  fs::create_directories(dir);
  return dir;
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

runtime::Store load(const fs::path& dir) {
  runtime::LoadOptions options;
  options.contactsPath = (dir / "contacts.csv").string();
  options.events = {{(dir / "events.csv").string(), ""}};
  options.threads = 2;
  runtime::LoadResult result = runtime::loadData(crmStoreSchema(), options);
  if (!result.store) throw std::runtime_error("fuzz data did not load:\n" + result.report.render());
  return std::move(*result.store);
}

std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ','))
    fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::string joinCsv(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i)
    out += (i ? "," : "") + fields[i];
  return out;
}

// "2026-10-25T13:51:18Z" to midnight or to the whole hour, for a share of the values.
void snapTime(std::string& ts, FuzzRandom& random) {
  if (ts.size() != 20 || ts[10] != 'T') return;
  switch (random.below(6)) {
  case 0:
  case 1:
    ts = ts.substr(0, 11) + "00:00:00Z";
    break;
  case 2:
    ts = ts.substr(0, 14) + "00:00Z";
    break;
  default:
    break;
  }
}

// Moves timestamps onto day and hour boundaries and duplicates some events with another
// value at the same instant (ties for first/last, same-time sequences).
void reshape(const fs::path& dir, std::uint64_t seed) {
  FuzzRandom random(seed ^ 0x5EED);
  std::string text = test::readFile((dir / "contacts.csv").string());
  std::istringstream contacts(text);
  std::string line, out;
  std::getline(contacts, line);
  out = line + "\n";
  while (std::getline(contacts, line)) {
    std::vector<std::string> f = splitCsv(line);
    snapTime(f[10], random);
    snapTime(f[11], random);
    out += joinCsv(f) + "\n";
  }
  writeFile(dir / "contacts.csv", out);

  text = test::readFile((dir / "events.csv").string());
  std::istringstream events(text);
  std::getline(events, line);
  out = line + "\n"; // contact_id,type,at,amount,campaign,url
  while (std::getline(events, line)) {
    std::vector<std::string> f = splitCsv(line);
    f.resize(6);
    snapTime(f[2], random);
    out += joinCsv(f) + "\n";
    if (random.below(20) == 0) {
      if (f[1] == "purchase") f[3] = std::to_string(random.range(0, 500)) + ".5";
      if (f[1] == "page_view") f[5] = random.chance(50) ? "/pricing" : "/";
      if (f[1] == "email_open" || f[1] == "email_click") f[4] = "tie-campaign";
      out += joinCsv(f) + "\n";
    }
  }
  writeFile(dir / "events.csv", out);
}

const char* kEdgeContacts =
    "id,email,age,gender,country,city,company_size,industry,plan,trial_days_left,signup_at,"
    "last_seen_at,lifetime_value,nps,device,email_opt_in\n"
    "1,none@example.com,,female,US,New York,0,software,free,,2026-11-01T00:00:00Z,"
    "2026-11-01T00:00:00Z,0,,mobile,true\n"
    "2,edge@example.com,30,male,DE,Düsseldorf,9223372036854775807,finance,trial,"
    "-9223372036854775808,2026-10-25T00:00:00Z,2026-10-31T00:00:00Z,1e308,9,desktop,false\n"
    "3,past@example.com,0,other,GB,London,-1,retail,pro,0,1969-12-31T23:59:59Z,"
    "1970-01-01T00:00:00Z,-0,0,tablet,true\n"
    "4,future@example.com,-5,female,FR,Paris,3,real estate,enterprise,9223372036854775807,"
    "9999-12-31T23:59:59Z,2026-11-01T00:00:00.000001Z,-1e308,10,mobile,false\n"
    "5,,17,male,,,1,,free,,2026-10-02T00:00:00Z,2026-10-31T23:59:59.999999Z,0.1,,desktop,true\n"
    "6,ÄÖÜ@Example.COM,65,other,BR,São Paulo,100,Software,pro,14,2025-11-01T00:00:00Z,"
    "2026-08-03T00:00:00Z,250.5,6,tablet,false\n"
    "7,twin@example.com,,female,US,new york,100,software,trial,,2026-10-18T00:00:00Z,"
    "2026-10-31T12:00:00Z,99.99,,mobile,true\n"
    "8,big@example.com,2147483648,male,NL,Amsterdam,-9223372036854775808,finance,enterprise,-1,"
    "2000-02-29T00:00:00Z,2026-10-30T00:00:00Z,123456789.123,-3,desktop,true\n"
    "9,same@example.com,30,male,DE,Düsseldorf,9223372036854775807,finance,trial,"
    "-9223372036854775808,2026-10-25T00:00:00Z,2026-10-31T00:00:00Z,1e308,9,desktop,false\n";

// Times relative to now = 2026-11-01T00:00:00Z: exactly now − 1d, 7d, 30d, 12h, 30m, 90s,
// 365d; one microsecond inside and outside; at now; after now; equal timestamps.
const char* kEdgeEvents = "contact_id,type,at,amount,campaign,url\n"
                          "2,purchase,2026-10-31T00:00:00Z,10,,\n"
                          "2,purchase,2026-10-31T00:00:00.000001Z,20,,\n"
                          "2,purchase,2026-10-30T23:59:59.999999Z,30,,\n"
                          "2,purchase,2026-10-25T00:00:00Z,0,,\n"
                          "2,purchase,2026-10-02T00:00:00Z,-5.5,,\n"
                          "2,purchase,2026-11-01T00:00:00Z,1e300,,\n"
                          "2,purchase,2026-11-01T00:00:00.000001Z,7,,\n"
                          "2,purchase,2026-11-02T00:00:00Z,8,,\n"
                          "2,purchase,2026-10-20T00:00:00Z,1,,\n"
                          "2,purchase,2026-10-20T00:00:00Z,2,,\n"
                          "2,purchase,2026-10-20T00:00:00Z,-0,,\n"
                          "2,page_view,2026-10-30T23:59:59Z,,,/pricing\n"
                          "2,page_view,2026-10-31T00:00:00Z,,,/pricing\n"
                          "2,page_view,2026-10-31T00:00:00Z,,,\n"
                          "2,page_view,2026-10-31T23:59:59Z,,,/PRICING\n"
                          "2,page_view,2026-11-01T00:00:00Z,,,/docs/x\n"
                          "2,email_open,2026-10-25T00:00:00Z,,newsletter,\n"
                          "2,email_click,2026-10-25T00:00:00Z,,newsletter,\n"
                          "2,email_click,2026-10-27T00:00:00Z,,promo-2026,\n"
                          "2,purchase,2026-10-27T00:00:00Z,3,,\n"
                          "2,purchase,2026-10-29T00:00:00Z,4,,\n"
                          "2,friend_added,2026-10-31T23:58:30Z,,,\n"
                          "2,form_submit,2026-10-31T23:30:00Z,,,\n"
                          "2,cart_abandoned,2026-10-31T12:00:00Z,,,\n"
                          "2,support_ticket,2025-11-01T00:00:00Z,,,\n"
                          "2,support_ticket,2025-11-01T00:00:00.000001Z,,,\n"
                          "3,purchase,1970-01-01T00:00:00Z,1,,\n"
                          "3,page_view,1969-12-31T23:59:59Z,,,/\n"
                          "3,purchase,2027-01-01T00:00:00Z,5,,\n"
                          "3,email_open,2030-01-01T00:00:00Z,,\xF0\x9F\x98\x80,\n"
                          "4,purchase,2026-10-30T00:00:00Z,1.7e308,,\n"
                          "4,purchase,2026-10-30T00:00:00Z,1.7e308,,\n"
                          "4,purchase,2026-10-31T00:00:00Z,-1.7e308,,\n"
                          "4,page_view,2026-10-31T00:00:00Z,,,/pricing\n"
                          "4,page_view,2026-10-31T00:00:00Z,,,/pricing\n"
                          "5,page_view,2026-10-29T23:59:59.999999Z,,,/a\n"
                          "5,page_view,2026-10-30T00:00:00Z,,,/b\n"
                          "5,page_view,2026-10-30T00:00:00Z,,,/b\n"
                          "5,email_open,2026-10-30T00:00:00Z,,é,\n"
                          "5,email_open,2026-10-31T00:00:00Z,,É,\n"
                          "6,email_click,2026-08-03T00:00:00Z,,São Paulo,\n"
                          "6,email_open,2026-08-03T00:00:00Z,,ß,\n"
                          "6,purchase,2026-08-03T00:00:00Z,250.5,,\n"
                          "7,page_view,2026-10-18T00:00:00Z,,,/pricing\n"
                          "7,purchase,2026-10-18T00:00:00Z,49.99,,\n"
                          "7,purchase,2026-10-18T00:00:00Z,0.01,,\n"
                          "8,purchase,1969-07-20T20:17:40Z,0.5,,\n"
                          "8,page_view,2000-02-29T12:00:00Z,,,/changelog\n"
                          "9,purchase,2026-10-31T00:00:00Z,10,,\n"
                          "9,page_view,2026-10-31T00:00:00Z,,,/pricing\n";

} // namespace

const std::vector<std::int64_t>& evaluationTimes() {
  static const std::vector<std::int64_t> times = {kDataNow, kDataNow - 14 * kDayMicros,
                                                  kDataNow - 3 * kDayMicros - kDayMicros / 2};
  return times;
}

const runtime::Store& generatedStore(std::uint64_t contacts, std::uint64_t seed) {
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, std::uint64_t>, std::unique_ptr<runtime::Store>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[{contacts, seed}];
  if (!slot) {
    fs::path dir = tempDir("gen");
    runtime::GenOptions options;
    options.contacts = contacts;
    options.seed = seed;
    options.outDir = dir.string();
    runtime::GenSummary summary;
    if (auto error = runtime::generateCrm(options, summary))
      throw std::runtime_error("seg gen failed: " + *error);
    reshape(dir, seed);
    slot = std::make_unique<runtime::Store>(load(dir));
    fs::remove_all(dir);
  }
  return *slot;
}

const runtime::Store& edgeStore() {
  static const runtime::Store store = [] {
    fs::path dir = tempDir("edge");
    writeFile(dir / "contacts.csv", kEdgeContacts);
    writeFile(dir / "events.csv", kEdgeEvents);
    runtime::Store s = load(dir);
    fs::remove_all(dir);
    return s;
  }();
  return store;
}

std::int64_t contactId(const runtime::Store& store, std::size_t row) {
  int key = store.schema.keyField;
  if (key < 0) return static_cast<std::int64_t>(row);
  return store.contacts.columns[key].values<std::int64_t>()[row];
}

} // namespace seg::fuzz
