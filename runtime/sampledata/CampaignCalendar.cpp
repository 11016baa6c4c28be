// Builds the campaign list month by month from the calendar, so slugs match dates.
#include "CampaignCalendar.h"

#include "base/CivilTime.h"

#include <algorithm>
#include <charconv>

namespace seg::runtime {
namespace {

std::string number(std::int64_t value, int width) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  std::string text(digits, end);
  if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
  return text;
}

std::int64_t at(std::int64_t year, unsigned month, unsigned day, int hour) {
  return base::daysFromCivil(year, month, day) * base::kSecondsPerDay + hour * 3600;
}

} // namespace

CampaignCalendar::CampaignCalendar(std::int64_t from, std::int64_t to) {
  const base::CivilDate first = base::civilFromDays(base::floorDiv(from, base::kSecondsPerDay));
  const base::CivilDate last = base::civilFromDays(base::floorDiv(to, base::kSecondsPerDay));
  auto add = [&](std::int64_t sentAt, std::string slug) {
    if (sentAt >= from && sentAt < to) campaigns_.push_back({sentAt, std::move(slug)});
  };
  for (std::int64_t year = first.year; year <= last.year; ++year) {
    const std::string y = number(year, 4);
    for (unsigned month = 1; month <= 12; ++month) {
      const std::string ym = y + "-" + number(month, 2);
      add(at(year, month, 2, 8), ym + "-newsletter");
      add(at(year, month, 16, 15), ym + "-product-update");
    }
    add(at(year, 1, 9, 9), "new-year-sale-" + y);
    add(at(year, 3, 20, 9), "spring-sale-" + y);
    add(at(year, 6, 24, 9), "summer-sale-" + y);
    add(at(year, 9, 10, 16), "webinar-" + y + "-09");
    // Black Friday is the day after the fourth Thursday of November.
    const std::int64_t november1 = base::daysFromCivil(year, 11, 1);
    const std::int64_t thanksgiving = november1 + (4 + 7 - base::isoWeekday(november1)) % 7 + 21;
    const std::int64_t blackFriday = (thanksgiving + 1) * base::kSecondsPerDay;
    add(blackFriday + 6 * 3600, "black-friday-" + y);
    add(blackFriday + 2 * base::kSecondsPerDay + 17 * 3600, "black-friday-last-call-" + y);
    add(blackFriday + 3 * base::kSecondsPerDay + 7 * 3600, "cyber-monday-" + y);
    add(at(year, 12, 11, 9), "holiday-gift-guide-" + y);
  }
  std::sort(campaigns_.begin(), campaigns_.end(),
            [](const Campaign& a, const Campaign& b) { return a.sentAt < b.sentAt; });
}

std::span<const Campaign> CampaignCalendar::sentBetween(std::int64_t from, std::int64_t to) const {
  auto after = [](std::int64_t t, const Campaign& c) { return t < c.sentAt; };
  auto first = std::upper_bound(campaigns_.begin(), campaigns_.end(), from, after);
  auto last = std::upper_bound(first, campaigns_.end(), to, after);
  return {first, last};
}

} // namespace seg::runtime
