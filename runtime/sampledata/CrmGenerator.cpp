// The generation loop: one contact at a time, its row and then its events' rows.
#include "CrmGenerator.h"

#include "CampaignCalendar.h"
#include "ContactModel.h"
#include "CrmVocabulary.h"
#include "CsvWriter.h"
#include "base/CivilTime.h"

#include <filesystem>
#include <numeric>
#include <system_error>
#include <vector>

namespace seg::runtime {
namespace {

namespace fs = std::filesystem;

// The model reaches ~4.1 years back (campaigns) and writes four-digit years only.
constexpr std::int64_t kEarliestNow = 157766400;  // 1975-01-01
constexpr std::int64_t kLatestNow = 253370764800; // 9999-01-01

void writeContact(CsvWriter& out, const ContactRecord& c) {
  out.integer(static_cast<std::int64_t>(c.id));
  out.text(c.email);
  c.age ? out.integer(*c.age) : out.null();
  out.text(kGenderNames[indexOf(c.gender)]);
  out.text(c.country);
  out.text(c.city);
  out.integer(c.companySize);
  out.text(c.industry);
  out.text(kPlanNames[indexOf(c.plan)]);
  c.trialDaysLeft ? out.integer(*c.trialDaysLeft) : out.null();
  out.timestamp(c.signupAt);
  out.timestamp(c.lastSeenAt);
  out.money(c.lifetimeValueCents);
  c.nps ? out.integer(*c.nps) : out.null();
  out.text(kDeviceNames[indexOf(c.device)]);
  out.boolean(c.emailOptIn);
  out.endRow();
}

void writeEvent(CsvWriter& out, std::uint64_t contactId, const EventRecord& e) {
  out.integer(static_cast<std::int64_t>(contactId));
  out.text(kEventTypeNames[indexOf(e.type)]);
  out.timestamp(e.at);
  const bool email = e.type == EventType::EmailOpen || e.type == EventType::EmailClick;
  e.type == EventType::Purchase ? out.money(e.amountCents) : out.null();
  email ? out.text(e.detail) : out.null();
  e.type == EventType::PageView ? out.text(e.detail) : out.null();
  out.endRow();
}

void writeHeader(CsvWriter& out, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    out.text(name);
  out.endRow();
}

// Output goes to "<name>.partial" files, renamed when complete; removed on failure, so a
// failed run never leaves a truncated data set that looks like a good one.
class PartialFile {
public:
  PartialFile(const fs::path& dir, std::string_view name, std::size_t bufferBytes)
      : final_(dir / name), partial_(dir / (std::string(name) + ".partial")),
        writer_(partial_.string(), bufferBytes) {}
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  ~PartialFile() {
    if (committed_) return;
    writer_.close();
    std::error_code ec;
    if (fs::is_regular_file(partial_, ec)) fs::remove(partial_, ec);
  }

  CsvWriter& out() { return writer_; }
  std::string path() const { return final_.string(); }

  std::optional<std::string> commit() {
    if (auto error = writer_.close()) return error;
    std::error_code ec;
    fs::rename(partial_, final_, ec);
    if (ec)
      return "cannot rename " + partial_.string() + " to " + final_.string() + ": " + ec.message();
    committed_ = true;
    return std::nullopt;
  }

private:
  fs::path final_;
  fs::path partial_;
  CsvWriter writer_;
  bool committed_ = false;
};

} // namespace

std::uint64_t GenSummary::events() const {
  return std::accumulate(eventsByType.begin(), eventsByType.end(), std::uint64_t{0});
}

std::optional<std::string> generateCrm(const GenOptions& options, GenSummary& summary) {
  summary = GenSummary{};
  const std::int64_t now = base::floorDiv(options.nowMicros, base::kMicrosPerSecond);
  if (now < kEarliestNow || now >= kLatestNow)
    return "the data's today must lie between 1975 and 9999";
  if (options.outDir.empty()) return "no output directory given";

  std::error_code ec;
  const fs::path dir(options.outDir);
  fs::create_directories(dir, ec);
  if (ec) return "cannot create directory " + dir.string() + ": " + ec.message();

  PartialFile contactsFile(dir, "contacts.csv", std::size_t{1} << 20);
  PartialFile eventsFile(dir, "events.csv", std::size_t{4} << 20);
  CsvWriter& contacts = contactsFile.out();
  CsvWriter& events = eventsFile.out();
  writeHeader(contacts, {"id", "email", "age", "gender", "country", "city", "company_size",
                         "industry", "plan", "trial_days_left", "signup_at", "last_seen_at",
                         "lifetime_value", "nps", "device", "email_opt_in"});
  writeHeader(events, {"contact_id", "type", "at", "amount", "campaign", "url"});

  const CrmVocabulary vocabulary;
  const CampaignCalendar campaigns(now - 1500 * base::kSecondsPerDay, now);
  const ContactModel model(vocabulary, campaigns, options.seed, now);
  ContactRecord contact;
  std::vector<EventRecord> contactEvents;
  contactEvents.reserve(ContactModel::kMaxEventsPerContact + 64);
  for (std::uint64_t id = 1; id <= options.contacts; ++id) {
    // A full disk should not cost the rest of a ten-million-contact run.
    if (id % 4096 == 0)
      for (const CsvWriter* out : {&contacts, &events})
        if (out->error()) return out->error();
    model.generate(id, contact, contactEvents);
    writeContact(contacts, contact);
    for (const EventRecord& event : contactEvents) {
      writeEvent(events, id, event);
      ++summary.eventsByType[indexOf(event.type)];
    }
  }
  summary.contacts = options.contacts;
  summary.contactBytes = contacts.bytesWritten();
  summary.eventBytes = events.bytesWritten();
  if (auto error = contactsFile.commit()) return error;
  if (auto error = eventsFile.commit()) return error;
  summary.contactsPath = contactsFile.path();
  summary.eventsPath = eventsFile.path();
  return std::nullopt;
}

} // namespace seg::runtime
