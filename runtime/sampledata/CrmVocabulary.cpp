// The tables behind CrmVocabulary. Weights are relative; countries and cities fall off
// roughly like Zipf's law. No value contains a comma, a quote or a line break (CSV-safe).
#include "CrmVocabulary.h"

namespace seg::runtime {
namespace {

Country country(std::string_view code, std::initializer_list<Weighted<std::string_view>> cities,
                std::string_view localFreemail = {}) {
  return Country{code, WeightedTable<std::string_view>(cities), localFreemail};
}

WeightedTable<Country> makeCountries() {
  WeightedTable<Country> t;
  t.add(country("US", {{"New York", 240},
                       {"San Francisco", 120},
                       {"Los Angeles", 110},
                       {"Chicago", 90},
                       {"Austin", 70},
                       {"Seattle", 65},
                       {"Boston", 60},
                       {"Miami", 45},
                       {"Denver", 40},
                       {"Atlanta", 40},
                       {"Portland", 25}}),
        300);
  t.add(country("DE",
                {{"Berlin", 300},
                 {"Munich", 170},
                 {"Hamburg", 140},
                 {"Frankfurt", 110},
                 {"Cologne", 90},
                 {"Stuttgart", 70},
                 {"Düsseldorf", 60},
                 {"Leipzig", 40}},
                "gmx.de"),
        130);
  t.add(country("GB", {{"London", 450},
                       {"Manchester", 110},
                       {"Birmingham", 80},
                       {"Edinburgh", 70},
                       {"Bristol", 60},
                       {"Leeds", 50},
                       {"Glasgow", 45}}),
        110);
  t.add(country("FR",
                {{"Paris", 420},
                 {"Lyon", 120},
                 {"Marseille", 90},
                 {"Toulouse", 80},
                 {"Bordeaux", 60},
                 {"Lille", 50},
                 {"Nantes", 45}},
                "orange.fr"),
        80);
  t.add(country("CA", {{"Toronto", 320},
                       {"Vancouver", 180},
                       {"Montréal", 160},
                       {"Calgary", 80},
                       {"Ottawa", 70}}),
        50);
  t.add(country("NL", {{"Amsterdam", 380},
                       {"Rotterdam", 150},
                       {"Utrecht", 110},
                       {"The Hague", 90},
                       {"Eindhoven", 70}}),
        40);
  t.add(country("ES", {{"Madrid", 340},
                       {"Barcelona", 300},
                       {"Valencia", 100},
                       {"Seville", 70},
                       {"Málaga", 50}}),
        38);
  t.add(country("IT",
                {{"Milan", 330}, {"Rome", 280}, {"Turin", 100}, {"Bologna", 80}, {"Florence", 70}}),
        35);
  t.add(country("AU", {{"Sydney", 380}, {"Melbourne", 330}, {"Brisbane", 130}, {"Perth", 90}}), 30);
  t.add(
      country(
          "IN",
          {{"Bangalore", 300}, {"Mumbai", 250}, {"Delhi", 200}, {"Hyderabad", 120}, {"Pune", 100}}),
      30);
  t.add(country("AT", {{"Vienna", 500}, {"Graz", 120}, {"Linz", 90}, {"Salzburg", 80}}, "gmx.at"),
        24);
  t.add(country("CH",
                {{"Zürich", 380}, {"Geneva", 200}, {"Basel", 150}, {"Bern", 120}, {"Lausanne", 90}},
                "bluewin.ch"),
        24);
  t.add(country("SE", {{"Stockholm", 500}, {"Gothenburg", 180}, {"Malmö", 120}}), 18);
  t.add(country("BR", {{"São Paulo", 450}, {"Rio de Janeiro", 250}, {"Belo Horizonte", 90}}), 18);
  t.add(country("JP", {{"Tokyo", 550}, {"Osaka", 200}, {"Yokohama", 90}}), 15);
  t.add(country("PL", {{"Warsaw", 400}, {"Kraków", 200}, {"Wrocław", 130}}), 14);
  t.add(country("IE", {{"Dublin", 700}, {"Cork", 150}, {"Galway", 70}}), 10);
  t.add(country("BE", {{"Brussels", 400}, {"Antwerp", 250}, {"Ghent", 150}}), 10);
  t.add(country("DK", {{"Copenhagen", 600}, {"Aarhus", 200}}), 8);
  t.add(country("MX", {{"Mexico City", 500}, {"Guadalajara", 180}, {"Monterrey", 160}}), 8);
  t.add(country("SG", {{"Singapore", 1}}), 7);
  t.add(country("NO", {{"Oslo", 500}, {"Bergen", 150}}), 6);
  t.add(country("FI", {{"Helsinki", 500}, {"Tampere", 120}}), 5);
  t.add(country("PT", {{"Lisbon", 450}, {"Porto", 250}}), 5);
  return t;
}

} // namespace

CrmVocabulary::CrmVocabulary()
    : countries(makeCountries()),
      femaleNames(
          {{"mary", 30},    {"jennifer", 26}, {"linda", 20},  {"elizabeth", 22}, {"susan", 18},
           {"jessica", 22}, {"sarah", 26},    {"karen", 14},  {"lisa", 18},      {"nancy", 12},
           {"emma", 24},    {"olivia", 22},   {"sophia", 20}, {"anna", 24},      {"laura", 20},
           {"julia", 18},   {"marie", 16},    {"claire", 12}, {"hannah", 14},    {"lena", 12},
           {"sofia", 14},   {"chloe", 12},    {"emily", 20},  {"jane", 14},      {"alice", 12},
           {"priya", 10},   {"yuki", 8},      {"ana", 10},    {"ingrid", 6},     {"maja", 8}}),
      maleNames({{"james", 32},  {"john", 30},    {"robert", 26}, {"michael", 30}, {"william", 22},
                 {"david", 30},  {"richard", 16}, {"joseph", 16}, {"thomas", 24},  {"daniel", 24},
                 {"paul", 16},   {"mark", 16},    {"lukas", 14},  {"jonas", 12},   {"felix", 12},
                 {"max", 14},    {"pierre", 10},  {"louis", 12},  {"hugo", 10},    {"oliver", 18},
                 {"jack", 16},   {"harry", 12},   {"marco", 12},  {"luca", 12},    {"javier", 10},
                 {"carlos", 12}, {"rahul", 10},   {"kenji", 6},   {"lars", 8},     {"piotr", 8}}),
      neutralNames({{"alex", 30},
                    {"sam", 24},
                    {"jordan", 20},
                    {"taylor", 18},
                    {"robin", 14},
                    {"kim", 12},
                    {"charlie", 14},
                    {"morgan", 10},
                    {"jamie", 12},
                    {"river", 6}}),
      lastNames(
          {{"smith", 40},    {"johnson", 32}, {"williams", 28}, {"brown", 28},     {"jones", 26},
           {"garcia", 22},   {"miller", 24},  {"davis", 22},    {"martin", 20},    {"wilson", 18},
           {"anderson", 16}, {"taylor", 18},  {"thomas", 14},   {"moore", 14},     {"lee", 18},
           {"doe", 8},       {"mueller", 20}, {"schmidt", 20},  {"schneider", 14}, {"fischer", 14},
           {"weber", 12},    {"meyer", 12},   {"wagner", 10},   {"becker", 10},    {"dubois", 12},
           {"bernard", 10},  {"moreau", 8},   {"laurent", 8},   {"rossi", 12},     {"russo", 8},
           {"ferrari", 6},   {"lopez", 14},   {"martinez", 14}, {"fernandez", 10}, {"silva", 12},
           {"santos", 10},   {"jansen", 8},   {"devries", 8},   {"nielsen", 8},    {"hansen", 8},
           {"johansson", 8}, {"kowalski", 8}, {"nowak", 8},     {"murphy", 10},    {"kelly", 8},
           {"tanaka", 6},    {"sato", 6},     {"patel", 14},    {"sharma", 10},    {"nguyen", 12},
           {"chen", 14},     {"wang", 12},    {"kim", 10},      {"obrien", 6}}),
      freemailDomains({{"gmail.com", 600},
                       {"yahoo.com", 160},
                       {"outlook.com", 120},
                       {"hotmail.com", 80},
                       {"icloud.com", 70},
                       {"proton.me", 20}}),
      companyDomains({{"example.com", 300},
                      {"example.org", 120},
                      {"example.net", 100},
                      {"acme.example", 60},
                      {"globex.example", 50},
                      {"initech.example", 40},
                      {"umbrella.example", 35},
                      {"hooli.example", 35},
                      {"stark.example", 30},
                      {"wayne.example", 30},
                      {"wonka.example", 25},
                      {"soylent.example", 20},
                      {"tyrell.example", 20},
                      {"cyberdyne.example", 15},
                      {"vandelay.example", 15}}),
      industries({{"software", 230},
                  {"finance", 120},
                  {"retail", 110},
                  {"healthcare", 95},
                  {"education", 75},
                  {"manufacturing", 70},
                  {"media", 55},
                  {"consulting", 55},
                  {"real estate", 40},
                  {"travel", 35},
                  {"logistics", 35},
                  {"nonprofit", 30},
                  {"government", 20},
                  {"energy", 20}}),
      browseUrls({{"/", 150},
                  {"/pricing", 55},
                  {"/features", 70},
                  {"/app", 120},
                  {"/app/dashboard", 90},
                  {"/app/segments", 60},
                  {"/app/reports", 40},
                  {"/login", 60},
                  {"/blog", 30},
                  {"/blog/segmentation-101", 18},
                  {"/blog/rfm-analysis", 14},
                  {"/blog/lead-scoring-guide", 12},
                  {"/blog/black-friday-playbook", 10},
                  {"/blog/email-deliverability", 9},
                  {"/blog/churn-signals", 8},
                  {"/docs", 25},
                  {"/docs/getting-started", 20},
                  {"/docs/api", 14},
                  {"/docs/segments", 12},
                  {"/docs/integrations/salesforce", 6},
                  {"/integrations", 20},
                  {"/customers", 14},
                  {"/about", 10},
                  {"/careers", 6},
                  {"/help", 20},
                  {"/security", 5},
                  {"/changelog", 10},
                  {"/checkout", 6}}),
      evaluatorUrls({{"/", 100},
                     {"/pricing", 160},
                     {"/features", 110},
                     {"/integrations", 40},
                     {"/customers", 35},
                     {"/security", 15},
                     {"/docs", 20},
                     {"/docs/getting-started", 15},
                     {"/blog/lead-scoring-guide", 10},
                     {"/app", 40},
                     {"/checkout", 12}}),
      landingUrls({{"/", 120},
                   {"/pricing", 60},
                   {"/features", 70},
                   {"/blog/segmentation-101", 40},
                   {"/blog/black-friday-playbook", 25},
                   {"/changelog", 30},
                   {"/app", 40}}),
      formUrls({{"/contact", 40}, {"/demo", 30}, {"/signup", 20}, {"/webinar", 10}}),
      hourOfDay({{0, 12},  {1, 8},   {2, 6},   {3, 5},   {4, 6},   {5, 10},  {6, 20},  {7, 35},
                 {8, 55},  {9, 70},  {10, 75}, {11, 72}, {12, 66}, {13, 72}, {14, 76}, {15, 74},
                 {16, 70}, {17, 62}, {18, 55}, {19, 52}, {20, 48}, {21, 40}, {22, 30}, {23, 20}}),
      npsAnswers({{0, 25},
                  {1, 12},
                  {2, 14},
                  {3, 18},
                  {4, 22},
                  {5, 45},
                  {6, 55},
                  {7, 110},
                  {8, 180},
                  {9, 230},
                  {10, 290}}) {}

} // namespace seg::runtime
