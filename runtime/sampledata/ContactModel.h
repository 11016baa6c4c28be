// How one synthetic contact behaves: its profile, its lifecycle (trial, active, at risk,
// churned) and the sessions of events that follow from them.
#pragma once

#include "CampaignCalendar.h"
#include "CrmRecords.h"
#include "CrmVocabulary.h"

#include <cstdint>
#include <vector>

namespace seg::runtime {

class ContactModel {
public:
  // `now` is the data's "today" in unix seconds: every timestamp generated is before it.
  ContactModel(const CrmVocabulary& vocabulary, const CampaignCalendar& campaigns,
               std::uint64_t seed, std::int64_t now);

  // Fills `contact` and replaces `events` with its events, sorted by time. Depends only on
  // the seed and `id`, never on previously generated contacts.
  void generate(std::uint64_t id, ContactRecord& contact, std::vector<EventRecord>& events) const;

  // Power-law tail of events per contact is cut here.
  static constexpr std::size_t kMaxEventsPerContact = 2000;

private:
  const CrmVocabulary& vocabulary_;
  const CampaignCalendar& campaigns_;
  std::uint64_t seed_;
  std::int64_t now_;
};

} // namespace seg::runtime
