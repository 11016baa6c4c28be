// The words and weights the CRM generator draws from: countries and their cities, names,
// e-mail domains, industries, page urls, hours of the day. Skewed like real CRM data.
#pragma once

#include "WeightedTable.h"

#include <string_view>

namespace seg::runtime {

struct Country {
  std::string_view code; // ISO 3166 alpha-2
  WeightedTable<std::string_view> cities;
  std::string_view localFreemail; // e.g. "gmx.de"; empty when none is common
};

struct CrmVocabulary {
  CrmVocabulary();

  WeightedTable<Country> countries;
  WeightedTable<std::string_view> femaleNames;
  WeightedTable<std::string_view> maleNames;
  WeightedTable<std::string_view> neutralNames;
  WeightedTable<std::string_view> lastNames;
  WeightedTable<std::string_view> freemailDomains;
  WeightedTable<std::string_view> companyDomains;
  WeightedTable<std::string_view> industries;
  // Page urls of an ordinary visit, of a visitor comparing plans, and after an e-mail click.
  WeightedTable<std::string_view> browseUrls;
  WeightedTable<std::string_view> evaluatorUrls;
  WeightedTable<std::string_view> landingUrls;
  WeightedTable<std::string_view> formUrls;
  WeightedTable<unsigned> hourOfDay; // UTC hour of a visit
  WeightedTable<int> npsAnswers;     // 0..10 among respondents
};

} // namespace seg::runtime
