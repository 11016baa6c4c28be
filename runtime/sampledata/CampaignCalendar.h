// The e-mail campaigns the example company sent, each with its send time: a monthly
// newsletter and product update, seasonal sales, Black Friday and Cyber Monday.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime {

struct Campaign {
  std::int64_t sentAt; // unix seconds
  std::string slug;    // e.g. "2026-10-newsletter", "black-friday-2025"
};

class CampaignCalendar {
public:
  // Every campaign sent in [from, to), sorted by send time.
  CampaignCalendar(std::int64_t from, std::int64_t to);

  // The campaigns sent in (from, to], oldest first.
  std::span<const Campaign> sentBetween(std::int64_t from, std::int64_t to) const;
  const std::vector<Campaign>& all() const { return campaigns_; }

private:
  std::vector<Campaign> campaigns_;
};

} // namespace seg::runtime
