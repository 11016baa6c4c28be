#include "CrmChanges.h"

#include "report/NumberFormat.h"

#include <fmt/format.h>

namespace seg::test {
namespace {

// examples/crm/crm.schema.seg's contact fields, in order, and whether each may be null.
const std::vector<std::string> kColumns = {
    "id",   "email",           "age",          "gender",       "country",        "city",
    "company_size", "industry", "plan",        "trial_days_left", "signup_at", "last_seen_at",
    "lifetime_value", "nps",   "device",       "email_opt_in"};
const std::vector<bool> kNullable = {false, false, true,  false, false, false, false, false,
                                     false, true,  false, false, false, true,  false, false};
const std::vector<std::string> kEventTypes = {"purchase",     "email_open",     "email_click",
                                              "page_view",    "friend_added",   "form_submit",
                                              "cart_abandoned", "support_ticket"};
constexpr std::int64_t kDay = 86'400'000'000;

template <class T> const T& pick(std::mt19937_64& random, const std::vector<T>& options) {
  return options[random() % options.size()];
}

} // namespace

CrmChanges::CrmChanges(std::uint64_t seed, std::size_t contacts, std::size_t events,
                       std::int64_t nowMicros)
    : random_(seed) {
  for (std::size_t c = 0; c < contacts; ++c) {
    std::vector<std::string> row;
    for (std::size_t f = 0; f < kColumns.size(); ++f)
      row.push_back(f == 0 ? std::to_string(nextKey_) : value(f, kNullable[f]));
    rowOf_[nextKey_++] = rows_.size();
    rows_.push_back(std::move(row));
  }
  for (std::size_t e = 0; e < events; ++e)
    events_.push_back(eventRow(static_cast<std::int64_t>(1 + random_() % contacts), nowMicros));
}

std::string CrmChanges::timestamp(std::int64_t micros) const {
  return report::isoTimestamp(micros);
}

std::string CrmChanges::value(std::size_t column, bool allowNull) {
  if (allowNull && random_() % 4 == 0) return "";
  const std::int64_t now = 1'793'491'200'000'000; // 2026-11-01
  switch (column) {
  case 1: return fmt::format("u{}@example.org", random_() % 100000);
  case 2: return std::to_string(16 + random_() % 70);
  case 3: return pick(random_, std::vector<std::string>{"female", "male", "other"});
  case 4: return pick(random_, std::vector<std::string>{"DE", "FR", "US", "NL", "AT"});
  case 5: return pick(random_, std::vector<std::string>{"Berlin", "Paris", "New York", "Utrecht", "Wien"});
  case 6: return std::to_string(1 + random_() % 5000);
  case 7: return pick(random_, std::vector<std::string>{"software", "finance", "retail", "energy"});
  case 8: return pick(random_, std::vector<std::string>{"free", "trial", "pro", "enterprise"});
  case 9: return std::to_string(random_() % 30);
  case 10:
  case 11: return timestamp(now - static_cast<std::int64_t>(random_() % (400 * kDay)));
  case 12: return fmt::format("{}.{:02}", random_() % 5000, random_() % 100);
  case 13: return std::to_string(random_() % 11);
  case 14: return pick(random_, std::vector<std::string>{"mobile", "desktop", "tablet"});
  case 15: return random_() % 2 ? "true" : "false";
  }
  return "";
}

std::string CrmChanges::eventRow(std::int64_t key, std::int64_t nowMicros) {
  std::string type = pick(random_, kEventTypes);
  std::int64_t at = 0;
  if (!recent_.empty() && random_() % 4 == 0) {
    // The same contact, type and instant as an earlier event: a tie, which both orders
    // must break alike (arrival order).
    const Recent& earlier = pick(random_, recent_);
    key = earlier.key;
    type = earlier.type;
    at = earlier.at;
  } else {
    // Mostly the recent past, some older (out of order), a few just ahead of `now`.
    const std::int64_t spread = random_() % 3 == 0 ? 200 * kDay : 20 * kDay;
    at = nowMicros - static_cast<std::int64_t>(random_() % spread) + kDay / 2;
    at -= at % 1'000'000;
    recent_.push_back({key, type, at});
    if (recent_.size() > 64) recent_.erase(recent_.begin());
  }
  std::string amount, campaign, url;
  if (type == "purchase") amount = fmt::format("{}.{:02}", random_() % 800, random_() % 100);
  if (type == "email_open" || type == "email_click")
    campaign = pick(random_, std::vector<std::string>{"spring", "black_friday", "welcome", "new_campaign"});
  if (type == "page_view")
    url = pick(random_, std::vector<std::string>{"/pricing", "/", "/docs", "/blog/new"});
  return fmt::format("{},{},{},{},{},{}", key, type, timestamp(at), amount, campaign, url);
}

std::string CrmChanges::contactsCsv() const {
  std::string out = fmt::format("{}\n", fmt::join(kColumns, ","));
  for (const auto& row : rows_)
    out += fmt::format("{}\n", fmt::join(row, ","));
  return out;
}

std::string CrmChanges::eventsCsv() const {
  std::string out = "contact_id,type,at,amount,campaign,url\n";
  for (const std::string& e : events_)
    out += e + "\n";
  return out;
}

ChangeText CrmChanges::nextBatch(std::int64_t nowMicros, bool bad) {
  ChangeText batch;
  auto rows = rows_;
  auto rowOf = rowOf_;
  auto nextKey = nextKey_;
  auto events = events_;
  const std::size_t upserts = random_() % 4 == 0 ? 0 : random_() % 6;
  if (upserts != 0) {
    // One header per batch: the key and a random subset of the other columns.
    std::vector<std::size_t> columns = {0};
    for (std::size_t f = 1; f < kColumns.size(); ++f)
      if (random_() % 3 == 0) columns.push_back(f);
    bool complete = columns.size() == kColumns.size();
    std::vector<std::string> header;
    for (std::size_t f : columns)
      header.push_back(kColumns[f]);
    batch.contacts = fmt::format("{}\n", fmt::join(header, ","));
    for (std::size_t u = 0; u < upserts; ++u) {
      // New contacts only when every field they need is in the file.
      bool create = random_() % 3 == 0 && complete;
      std::int64_t key = create ? nextKey++
                                : static_cast<std::int64_t>(1 + random_() % (nextKey - 1));
      std::vector<std::string> line;
      auto [at, fresh] = rowOf.try_emplace(key, rows.size());
      if (fresh) rows.emplace_back(kColumns.size());
      for (std::size_t f : columns) {
        std::string v = f == 0 ? std::to_string(key) : value(f, kNullable[f]);
        rows[at->second][f] = v;
        line.push_back(v);
      }
      batch.contacts += fmt::format("{}\n", fmt::join(line, ","));
    }
  }
  const std::size_t appended = random_() % 3 == 0 ? 0 : random_() % 40;
  if (appended != 0 || batch.contacts.empty()) {
    batch.events = "contact_id,type,at,amount,campaign,url\n";
    for (std::size_t e = 0; e < std::max<std::size_t>(appended, 1); ++e) {
      std::string row =
          eventRow(static_cast<std::int64_t>(1 + random_() % (nextKey - 1)), nowMicros);
      batch.events += row + "\n";
      events.push_back(std::move(row));
    }
  }
  if (bad) {
    // A row the loader rejects, after good ones: nothing of the batch may be applied.
    if (batch.events.empty()) batch.events = "contact_id,type,at,amount,campaign,url\n";
    batch.events += random_() % 2 ? fmt::format("{},purchase,not-a-time,1.00,,\n", nextKey + 1000)
                                  : "1,purchase,2026-10-01T00:00:00Z,abc,,\n";
    batch.expectRejected = true;
    return batch;
  }
  rows_ = std::move(rows);
  rowOf_ = std::move(rowOf);
  nextKey_ = nextKey;
  events_ = std::move(events);
  return batch;
}

} // namespace seg::test
