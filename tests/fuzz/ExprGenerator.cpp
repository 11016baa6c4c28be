// Typed random expressions. Compound operands are always parenthesised, so the text means
// what the generator built whatever the precedence rules; depth bounds every tree.
#include "ExprGenerator.h"

#include <algorithm>

namespace seg::fuzz {
namespace {

struct EventInfo {
  const char* name;
  const char* property; // nullptr: no property besides `at`
  Ty type;
};

// The CRM schema's events, in schema order (the index is the event type).
const EventInfo kEvents[] = {
    {"purchase", "amount", Ty::Float},       {"email_open", "campaign", Ty::String},
    {"email_click", "campaign", Ty::String}, {"page_view", "url", Ty::String},
    {"friend_added", nullptr, Ty::Bool},     {"form_submit", nullptr, Ty::Bool},
    {"cart_abandoned", nullptr, Ty::Bool},   {"support_ticket", nullptr, Ty::Bool},
};
constexpr int kPurchase = 0;
constexpr int kEventCount = 8;

struct EnumInfo {
  const char* field;
  std::vector<std::string> values;
};
const EnumInfo kEnums[] = {
    {"gender", {"female", "male", "other"}},
    {"plan", {"free", "trial", "pro", "enterprise"}},
    {"device", {"mobile", "desktop", "tablet"}},
};

std::string paren(const std::string& s) {
  return "(" + s + ")";
}

std::string negate(const std::string& s) {
  return s.starts_with("-") ? "-(" + s + ")" : "-" + s;
}

bool hasStringProperty(int event) {
  return event >= 0 && kEvents[event].property != nullptr && kEvents[event].type == Ty::String;
}

} // namespace

ExprGenerator::ExprGenerator(FuzzRandom& random, std::map<std::string, std::uint64_t>& coverage)
    : random_(random), coverage_(coverage) {}

void ExprGenerator::takeUses(std::vector<std::size_t>& uses) {
  for (std::size_t u : uses_)
    if (std::find(uses.begin(), uses.end(), u) == uses.end()) uses.push_back(u);
  uses_.clear();
}

const std::vector<std::string>& ExprGenerator::eventNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const EventInfo& e : kEvents)
      out.emplace_back(e.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& ExprGenerator::groupableFields() {
  static const std::vector<std::string> fields = {
      "gender", "plan",         "device", "email_opt_in", "country",        "industry",
      "city",   "company_size", "age",    "nps",          "trial_days_left"};
  return fields;
}

std::string ExprGenerator::choose(const std::vector<Choice>& choices) {
  std::vector<unsigned> weights;
  for (const Choice& c : choices)
    weights.push_back(c.first);
  return choices[random_.weighted(weights)].second();
}

// ---------------------------------------------------------------------------- literals

std::string ExprGenerator::intLiteral() {
  static const std::vector<std::string> special = {"0",
                                                   "1",
                                                   "2",
                                                   "3",
                                                   "7",
                                                   "10",
                                                   "30",
                                                   "100",
                                                   "1000",
                                                   "18",
                                                   "65",
                                                   "9223372036854775807",
                                                   "4611686018427387904",
                                                   "3037000500",
                                                   "1000000007",
                                                   "86400000000"};
  if (random_.chance(60)) return std::to_string(random_.range(0, 120));
  note("literal:int-special");
  return random_.pick(special);
}

std::string ExprGenerator::floatLiteral() {
  static const std::vector<std::string> literals = {
      "0.0",    "0.5", "1.5",     "2.5E-3", "1.5e3", "99.99",         "100.0", "1e300",
      "1e-300", "0.1", "1000.25", "250.0",  "4.5",   "123456789.123", "50.0",  "0.125"};
  if (random_.chance(10)) {
    note("literal:negative-zero");
    return "(-0.0)";
  }
  return random_.pick(literals);
}

std::string ExprGenerator::stringLiteral() {
  static const std::vector<std::string> literals = {
      "\"US\"",        "\"DE\"",         "\"FR\"",         "\"GB\"",
      "\"New York\"",  "\"Berlin\"",     "\"Paris\"",      "\"London\"",
      "\"software\"",  "\"finance\"",    "\"retail\"",     "\"real estate\"",
      "\"/pricing\"",  "\"/\"",          "\"/docs\"",      "\"/app\"",
      "\"/blog/\"",    "\"/checkout\"",  "\"newsletter\"", "\"2026\"",
      "\"promo\"",     "\"\"",           "\"N\"",          "\"Düsseldorf\"",
      "\"São Paulo\"", "\"\\u{1F600}\"", "\"a\\\\b\"",     "\"say \\\"hi\\\"\"",
      "\"gmail.com\"", "\"@\"",          "\"us\"",         "\"PARIS\"",
      "\"é\""};
  return random_.pick(literals);
}

// A literal from the domain of the string expression `of` (field names in the text), so
// comparisons with it are sometimes true; `part` gives substrings for contains & co.
std::string ExprGenerator::stringLiteralFor(const std::string& of, bool part) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> domains = {
      {"country", {"\"US\"", "\"DE\"", "\"GB\"", "\"FR\"", "\"CA\"", "\"NL\"", "\"U\"", "\"us\""}},
      {"city",
       {"\"New York\"", "\"Berlin\"", "\"London\"", "\"Paris\"", "\"Düsseldorf\"", "\"São Paulo\"",
        "\"M\"", "\"new york\""}},
      {"industry",
       {"\"software\"", "\"finance\"", "\"retail\"", "\"real estate\"", "\"media\"", "\"SOFTWARE\"",
        "\"m\""}},
      {"email",
       {"\"gmail.com\"", "\"@example.com\"", "\"@gmail.com\"", "\"john\"", "\"mary\"", "\"@\""}},
      {"url",
       {"\"/pricing\"", "\"/\"", "\"/docs\"", "\"/blog/\"", "\"/app\"", "\"/checkout\"",
        "\"/PRICING\"", "\"/docs/getting-started\""}},
      {"campaign",
       {"\"2026-10-newsletter\"", "\"welcome\"", "\"newsletter\"", "\"2026\"", "\"sale\"",
        "\"2026-10-product-update\"", "\"webinar-2026-09\"", "\"WELCOME\""}},
  };
  if (!random_.chance(part ? 15 : 25))
    for (const auto& [field, literals] : domains)
      if (of.find(field) != std::string::npos) return random_.pick(literals);
  (void)part;
  return stringLiteral();
}

std::string ExprGenerator::timestampLiteral() {
  static const std::vector<std::string> literals = {"@2026-11-01",
                                                    "@2026-10-31",
                                                    "@2026-10-25",
                                                    "@2026-10-02",
                                                    "@2026-10-01",
                                                    "@2026-01-01",
                                                    "@2025-11-01",
                                                    "@2026-11-01T00:00:00Z",
                                                    "@2026-10-31T23:59:59Z",
                                                    "@2026-10-31T12:00:00+02:00",
                                                    "@2026-10-30T00:00:00.5Z",
                                                    "@1969-12-31T23:59:59Z",
                                                    "@2026-12-01",
                                                    "@2030-01-01",
                                                    "@2026-03-31T12:00Z"};
  return random_.pick(literals);
}

std::string ExprGenerator::durationLiteral() {
  static const std::vector<std::string> literals = {"90s", "30m", "12h", "1d",   "7d",
                                                    "30d", "2w",  "0s",  "365d", "1s"};
  return random_.pick(literals);
}

std::string ExprGenerator::windowLiteral() {
  // Whole days dominate: the data puts events on exact day boundaries relative to `now`.
  static const std::vector<std::string> windows = {"1d",  "7d", "30d", "1d",  "7d",   "30d",
                                                   "90d", "2d", "14d", "28d", "365d", "12h",
                                                   "1w",  "2w", "90s", "30m", "1s",   "3650d"};
  std::string w = random_.pick(windows);
  note("within:" + w);
  return w;
}

std::string ExprGenerator::halfLifeLiteral() {
  static const std::vector<std::string> lives = {"1d", "7d", "14d", "30d", "12h"};
  return random_.pick(lives);
}

std::string ExprGenerator::comparisonOp() {
  static const std::vector<std::string> ops = {"==", "!=", "<", "<=", ">", ">="};
  std::string op = random_.pick(ops);
  note("op:" + op);
  return op;
}

// Mostly orderings: equality of two instants is rare in data.
std::string ExprGenerator::orderingOp() {
  return random_.chance(85) ? random_.pick(std::vector<std::string>{"<", "<=", ">", ">="})
                            : comparisonOp();
}

// ---------------------------------------------------------------------------- references

std::string ExprGenerator::reference(DefinitionKind kind) {
  std::vector<const Referable*> candidates;
  for (const Referable& r : referables_)
    if (r.kind == kind) candidates.push_back(&r);
  if (candidates.empty()) return {};
  const Referable& r = *candidates[random_.below(candidates.size())];
  uses_.push_back(r.definition);
  note(kind == DefinitionKind::Segment ? "ref:segment"
       : kind == DefinitionKind::Score ? "ref:score"
                                       : "ref:partition");
  return r.name;
}

std::string ExprGenerator::branchReference() {
  std::vector<const Referable*> partitions;
  for (const Referable& r : referables_)
    if (r.kind == DefinitionKind::Partition) partitions.push_back(&r);
  if (partitions.empty()) return {};
  const Referable& p = *partitions[random_.below(partitions.size())];
  uses_.push_back(p.definition);
  const std::string& branch = random_.pick(p.branches);
  if (random_.chance(50)) {
    note("ref:branch-bare");
    return branch;
  }
  note("ref:branch-qualified");
  return p.name + "." + branch;
}

// ---------------------------------------------------------------------------- leaves

std::string ExprGenerator::intLeaf(const ExprScope& scope) {
  static const std::vector<std::string> fields = {"id",  "age", "company_size", "trial_days_left",
                                                  "nps", "age", "nps"};
  (void)scope;
  if (random_.chance(25)) return intLiteral();
  return random_.pick(fields);
}

std::string ExprGenerator::floatLeaf(const ExprScope& scope) {
  if (scope.event == kPurchase && random_.chance(50))
    return random_.chance(80) ? "amount" : "purchase.amount";
  if (scope.references && random_.chance(20)) {
    std::string score = reference(DefinitionKind::Score);
    if (!score.empty()) return score;
  }
  if (random_.chance(25)) return floatLiteral();
  return "lifetime_value";
}

std::string ExprGenerator::stringLeaf(const ExprScope& scope) {
  if (hasStringProperty(scope.event) && random_.chance(55)) return kEvents[scope.event].property;
  static const std::vector<std::string> fields = {"country", "city", "industry", "city", "country"};
  if (scope.personal && random_.chance(12)) return "email";
  return random_.pick(fields);
}

std::string ExprGenerator::timestampLeaf(const ExprScope& scope) {
  if (scope.event >= 0 && random_.chance(60)) return "at";
  switch (random_.below(5)) {
  case 0:
    return "signup_at";
  case 1:
    return "last_seen_at";
  case 2:
    return "now";
  case 3:
    return timestampLiteral();
  default:
    return "(now - " + windowLiteral() + ")";
  }
}

// ---------------------------------------------------------------------------- numbers

std::string ExprGenerator::number(const ExprScope& scope, int depth) {
  return random_.chance(55) ? integer(scope, depth) : real(scope, depth);
}

std::string ExprGenerator::integer(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(30)) return intLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {8,
       [&] {
         static const std::vector<std::string> ops = {"+", "-", "*"};
         std::string op = random_.pick(ops);
         note("int" + op);
         return paren(integer(scope, d) + " " + op + " " + integer(scope, d));
       }},
      {3,
       [&] {
         note("int%");
         static const std::vector<std::string> divisors = {"0", "7", "2", "-1", "3"};
         std::string rhs = random_.chance(50) ? random_.pick(divisors) : integer(scope, d);
         return paren(integer(scope, d) + " % " + rhs);
       }},
      {2,
       [&] {
         note("neg:int");
         return paren(negate(integer(scope, d)));
       }},
      {2,
       [&] {
         note("fn:abs-int");
         return "abs(" + integer(scope, d) + ")";
       }},
      {2,
       [&] {
         note("fn:round");
         return "round(" + number(scope, d) + ")";
       }},
      {5,
       [&] {
         static const std::vector<std::string> fns = {"days_since", "hours_since", "year",
                                                      "month",      "day_of_week", "hour"};
         std::string fn = random_.pick(fns);
         note("fn:" + fn);
         return fn + "(" + timestamp(scope, d) + ")";
       }},
      {2,
       [&] {
         note("fn:length");
         return "length(" + string(scope, d) + ")";
       }},
      {2,
       [&] {
         note("coalesce:int");
         return "coalesce(" + integer(scope, d) + ", " + integer(scope, d) + ")";
       }},
      {1,
       [&] {
         note("int-overflow");
         static const std::vector<std::string> forms = {
             "(9223372036854775807 + ", "(-9223372036854775807 - 2 + ", "(4611686018427387904 * ",
             "((-9223372036854775807 - 1) % ", "abs(-9223372036854775807 - 1 + "};
         return random_.pick(forms) + integer(scope, d) + ")";
       }},
  };
  if (scope.aggregates) c.push_back({6, [&] { return countLike(scope, d); }});
  if (scope.ntile) c.push_back({2, [&] { return ntile(scope, d); }});
  return choose(c);
}

std::string ExprGenerator::real(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(30)) return floatLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {7,
       [&] {
         static const std::vector<std::string> ops = {"+", "-", "*"};
         std::string op = random_.pick(ops);
         note("float" + op);
         // At least one float operand makes the result float.
         return random_.chance(50) ? paren(real(scope, d) + " " + op + " " + number(scope, d))
                                   : paren(number(scope, d) + " " + op + " " + real(scope, d));
       }},
      {5,
       [&] {
         note("div");
         static const std::vector<std::string> divisors = {"0", "0.0",          "(-0.0)",
                                                           "3", "company_size", "nps"};
         std::string rhs = random_.chance(40) ? random_.pick(divisors) : number(scope, d);
         return paren(number(scope, d) + " / " + rhs);
       }},
      {2,
       [&] {
         note("neg:float");
         return paren(negate(real(scope, d)));
       }},
      {2,
       [&] {
         note("fn:abs-float");
         return "abs(" + real(scope, d) + ")";
       }},
      {2,
       [&] {
         note("fn:round-digits");
         static const std::vector<std::string> digits = {"0", "1", "2", "3", "15", "400"};
         return "round(" + number(scope, d) + ", " + random_.pick(digits) + ")";
       }},
      {2,
       [&] {
         note("coalesce:float");
         return "coalesce(" + real(scope, d) + ", " + number(scope, d) + ")";
       }},
  };
  if (scope.aggregates) c.push_back({6, [&] { return propertyAggregate(Ty::Float, scope, d); }});
  return choose(c);
}

// ---------------------------------------------------------------------------- time

std::string ExprGenerator::timestamp(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(35)) return timestampLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {5,
       [&] {
         note("ts+-dur");
         return paren(timestamp(scope, d) + (random_.chance(50) ? " + " : " - ") +
                      duration(scope, d));
       }},
      {1,
       [&] {
         note("dur+ts");
         return paren(duration(scope, d) + " + " + timestamp(scope, d));
       }},
      {1,
       [&] {
         note("coalesce:timestamp");
         return "coalesce(" + timestamp(scope, d) + ", " + timestamp(scope, d) + ")";
       }},
  };
  if (scope.aggregates)
    c.push_back({5, [&] { return propertyAggregate(Ty::Timestamp, scope, d); }});
  return choose(c);
}

std::string ExprGenerator::durationLeaf(const ExprScope& scope) {
  if (random_.chance(50)) return durationLiteral();
  static const std::vector<std::string> spans = {"(last_seen_at - signup_at)",
                                                 "(now - last_seen_at)", "(now - signup_at)"};
  if (scope.event >= 0 && random_.chance(50))
    return random_.chance(50) ? "(now - at)" : "(at - signup_at)";
  return random_.pick(spans);
}

std::string ExprGenerator::duration(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(40)) return durationLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {4,
       [&] {
         note("ts-ts");
         return paren(timestamp(scope, d) + " - " + timestamp(scope, d));
       }},
      {2,
       [&] {
         note("dur+-dur");
         return paren(duration(scope, d) + (random_.chance(50) ? " + " : " - ") +
                      duration(scope, d));
       }},
      {2,
       [&] {
         note("dur*int");
         return random_.chance(50) ? paren(duration(scope, d) + " * " + integer(scope, d))
                                   : paren(integer(scope, d) + " * " + duration(scope, d));
       }},
      {1,
       [&] {
         note("neg:duration");
         return paren(negate(duration(scope, d)));
       }},
      {1,
       [&] {
         note("fn:abs-duration");
         return "abs(" + duration(scope, d) + ")";
       }},
  };
  return choose(c);
}

// ---------------------------------------------------------------------------- strings

std::string ExprGenerator::string(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(scope.strings ? 30 : 45))
    return random_.chance(25) ? stringLiteral() : stringLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {3,
       [&] {
         note("fn:lower");
         return "lower(" + string(scope, d) + ")";
       }},
      {2,
       [&] {
         note("fn:upper");
         return "upper(" + string(scope, d) + ")";
       }},
      {1,
       [&] {
         note("coalesce:string");
         return "coalesce(" + string(scope, d) + ", " + string(scope, d) + ")";
       }},
  };
  if (scope.aggregates)
    c.push_back({3, [&] {
                   note("agg:string-valued");
                   return propertyAggregate(Ty::String, scope, d);
                 }});
  if (scope.strings) c.push_back({4, [&] { return stringCoalesce(scope, d); }});
  return choose(c);
}

// coalesce over two or three string columns and string-valued aggregates, now and then
// ending in a literal: the lowering distributes what reads it. Aggregates come first more
// often: contact string fields are never null, so after one nothing else is read.
std::string ExprGenerator::stringCoalesce(const ExprScope& scope, int depth) {
  note("coalesce:string-columns");
  std::string out = "coalesce(";
  const int n = random_.range(2, 3);
  for (int i = 0; i < n; ++i) {
    std::string operand;
    if (i + 1 == n && random_.chance(20))
      operand = stringLiteral();
    else if (scope.aggregates && random_.chance(i + 1 < n ? 70 : 40))
      operand = propertyAggregate(Ty::String, scope, std::min(depth, 1));
    else
      operand = random_.chance(70) ? stringLeaf(scope) : string(scope, depth);
    out += (i ? ", " : "") + operand;
  }
  return out + ")";
}

// A condition built on strings: two string expressions compared (so over two leaves, the
// rank comparison), `in` with literal or expression items, null tests of nullable
// strings, predicates and lengths with expressions on both sides.
std::string ExprGenerator::stringCondition(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  switch (random_.weighted(std::vector<unsigned>{4, 3, 3, 2, 2, 2, 1})) {
  case 0:
    note("str:cmp-expressions");
    return paren(string(scope, d) + " " + comparisonOp() + " " + string(scope, d));
  case 1:
    note("str:cmp-two-leaves");
    return paren(singleLeafString(scope, d) + " " + comparisonOp() + " " +
                 singleLeafString(scope, d));
  case 2: {
    note("str:in");
    std::string value = random_.chance(50) ? string(scope, d) : singleLeafString(scope, d);
    std::string items;
    const bool constants = random_.chance(60);
    const int n = random_.range(1, 4);
    for (int i = 0; i < n; ++i)
      items += (i ? ", " : "") + (constants || random_.chance(40) ? stringLiteralFor(value, false)
                                                                  : singleLeafString(scope, d));
    return paren(value + (random_.chance(25) ? " not in [" : " in [") + items + "]");
  }
  case 3: {
    note("str:null-test");
    std::string value =
        scope.aggregates && random_.chance(60) ? stringCoalesce(scope, d) : string(scope, d);
    return paren(value + (random_.chance(50) ? " is null" : " is not null"));
  }
  case 4: {
    static const std::vector<std::string> fns = {"contains", "starts_with", "ends_with"};
    std::string fn = random_.pick(fns);
    note("str:" + fn + "-expressions");
    std::string haystack = string(scope, d);
    std::string needle =
        random_.chance(50) ? singleLeafString(scope, d) : stringLiteralFor(haystack, true);
    return fn + "(" + haystack + ", " + needle + ")";
  }
  case 5: {
    note("str:length");
    std::string rhs = random_.chance(50) ? std::to_string(random_.range(0, 12))
                                         : "length(" + string(scope, d) + ")";
    return paren("length(" + string(scope, d) + ") " + comparisonOp() + " " + rhs);
  }
  default: {
    note("str:between-expressions");
    std::string value = string(scope, d);
    std::string low = random_.chance(50) ? stringLiteralFor(value, false) : string(scope, d);
    return paren(value + (random_.chance(25) ? " not between " : " between ") + low + " and " +
                 string(scope, d));
  }
  }
}

// A string expression over exactly one leaf (a string field, the filter's event property
// or a string-valued aggregate), maybe case-mapped: two of them compared is the shape
// engines compare through ranks of texts.
std::string ExprGenerator::singleLeafString(const ExprScope& scope, int depth) {
  std::string leaf = scope.aggregates && random_.chance(40)
                         ? propertyAggregate(Ty::String, scope, std::min(depth, 1))
                         : stringLeaf(scope);
  switch (random_.below(4)) {
  case 0:
    note("fn:lower");
    return "lower(" + leaf + ")";
  case 1:
    note("fn:upper");
    return "upper(" + leaf + ")";
  default:
    return leaf;
  }
}

std::string ExprGenerator::rankable(const ExprScope& scope, int depth) {
  switch (random_.below(6)) {
  case 0:
    return timestamp(scope, depth);
  case 1:
    return duration(scope, depth);
  case 2:
  case 3:
    return integer(scope, depth);
  default:
    return real(scope, depth);
  }
}

// ---------------------------------------------------------------------------- aggregates

std::string ExprGenerator::clauses(int event, const ExprScope& scope, int depth) {
  std::string out;
  if (random_.chance(55)) {
    ExprScope filter = scope;
    filter.event = event;
    filter.aggregates = false;
    filter.ntile = false;
    note("where");
    out += " where " + condition(filter, std::min(depth, 3));
  }
  if (random_.chance(55)) out += " within " + windowLiteral();
  return out;
}

std::string ExprGenerator::countLike(const ExprScope& scope, int depth) {
  int event = static_cast<int>(random_.below(kEventCount));
  switch (random_.below(4)) {
  case 0:
    note("agg:days");
    return "days(" + std::string(kEvents[event].name) + clauses(event, scope, depth) + ")";
  case 1: {
    note("agg:distinct");
    std::string property =
        kEvents[event].property != nullptr && random_.chance(70) ? kEvents[event].property : "at";
    return "distinct(" + std::string(kEvents[event].name) + "." + property +
           clauses(event, scope, depth) + ")";
  }
  default:
    note("agg:count");
    return "count(" + std::string(kEvents[event].name) + clauses(event, scope, depth) + ")";
  }
}

std::string ExprGenerator::existsAggregate(const ExprScope& scope, int depth) {
  if (random_.chance(25)) return sequence(scope, depth);
  int event = static_cast<int>(random_.below(kEventCount));
  note("agg:exists");
  return "exists(" + std::string(kEvents[event].name) + clauses(event, scope, depth) + ")";
}

std::string ExprGenerator::sequence(const ExprScope& scope, int depth) {
  note("agg:sequence");
  int first = static_cast<int>(random_.below(kEventCount));
  int then = static_cast<int>(random_.below(kEventCount));
  ExprScope filter = scope;
  filter.aggregates = false;
  filter.ntile = false;
  std::string out = "exists(" + std::string(kEvents[first].name);
  if (random_.chance(50)) {
    filter.event = first;
    out += " where " + condition(filter, std::min(depth, 2));
  }
  out += " then " + std::string(kEvents[then].name);
  if (random_.chance(50)) {
    filter.event = then;
    out += " where " + condition(filter, std::min(depth, 2));
  }
  if (random_.chance(70)) {
    static const std::vector<std::string> gaps = {"1s", "1h", "1d", "2d", "7d", "30d"};
    std::string gap = random_.pick(gaps);
    note("sequence-gap");
    out += " within " + gap;
  }
  return out + ")";
}

std::string ExprGenerator::propertyAggregate(Ty type, const ExprScope& scope, int depth) {
  // Events whose property (or `at`) has the wanted type.
  std::vector<int> events;
  for (int e = 0; e < kEventCount; ++e)
    if ((type == Ty::Timestamp) || (kEvents[e].property != nullptr && kEvents[e].type == type))
      events.push_back(e);
  int event = random_.pick(events);
  std::string property = type == Ty::Timestamp ? "at" : kEvents[event].property;
  std::vector<std::string> fns = {"min", "max", "first", "last"};
  if (type == Ty::Float) {
    fns.push_back("sum");
    fns.push_back("sum");
    fns.push_back("avg");
  }
  std::string fn = random_.pick(fns);
  note("agg:" + fn);
  return fn + "(" + kEvents[event].name + "." + property + clauses(event, scope, depth) + ")";
}

std::string ExprGenerator::ntile(const ExprScope& scope, int depth) {
  static const std::vector<std::string> buckets = {"1", "2", "3", "4", "5", "10", "100", "10000"};
  note("ntile");
  ExprScope inner = scope;
  inner.ntile = random_.chance(10); // nested ranks now and then
  return "ntile(" + random_.pick(buckets) + ", " + rankable(inner, std::min(depth, 3)) + ")";
}

// ---------------------------------------------------------------------------- conditions

std::string ExprGenerator::conditionLeaf(const ExprScope& scope) {
  if (scope.references && random_.chance(25)) {
    std::string r = random_.chance(70) ? reference(DefinitionKind::Segment) : branchReference();
    if (!r.empty()) return r;
  }
  if (scope.event >= 0 && random_.chance(50)) return eventWindowCondition(scope);
  switch (random_.below(6)) {
  case 0:
    note("bool-field");
    return "email_opt_in";
  case 1:
    note("bool-literal");
    return random_.chance(50) ? "true" : "false";
  case 2:
    return enumCondition(scope, 0);
  default:
    return comparison(scope, 0);
  }
}

std::string ExprGenerator::eventWindowCondition(const ExprScope& scope) {
  // `at` against now − D: the same edges `within` has, written as a condition.
  (void)scope;
  note("where-at-edge");
  static const std::vector<std::string> ops = {">", ">=", "<", "<=", "=="};
  return paren("at " + random_.pick(ops) + " now - " + windowLiteral());
}

std::string ExprGenerator::comparison(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  switch (random_.weighted(std::vector<unsigned>{8, 3, 4, 2, 2})) {
  case 0: {
    note("cmp:number");
    std::string rhs = random_.chance(50) ? (random_.chance(50) ? intLiteral() : floatLiteral())
                                         : number(scope, d);
    return paren(number(scope, d) + " " + comparisonOp() + " " + rhs);
  }
  case 1: {
    note("cmp:string");
    if (random_.chance(30)) {
      note("cmp:string-two-leaves");
      return paren(singleLeafString(scope, d) + " " + comparisonOp() + " " +
                   singleLeafString(scope, d));
    }
    std::string lhs = string(scope, d);
    std::string rhs = random_.chance(70) ? stringLiteralFor(lhs, false) : string(scope, d);
    if (random_.chance(15)) return paren(rhs + " " + comparisonOp() + " " + lhs);
    return paren(lhs + " " + comparisonOp() + " " + rhs);
  }
  case 2:
    note("cmp:timestamp");
    return paren(timestamp(scope, d) + " " + orderingOp() + " " + timestamp(scope, d));
  case 3:
    note("cmp:duration");
    return paren(duration(scope, d) + " " + orderingOp() + " " + duration(scope, d));
  default: {
    note("cmp:bool");
    ExprScope inner = scope;
    return paren(paren(condition(inner, d)) + (random_.chance(50) ? " == " : " != ") +
                 paren(condition(inner, d)));
  }
  }
}

std::string ExprGenerator::enumCondition(const ExprScope& scope, int depth) {
  // A fixed enum field, or a partition as a value.
  std::vector<const Referable*> partitions;
  if (scope.references)
    for (const Referable& r : referables_)
      if (r.kind == DefinitionKind::Partition) partitions.push_back(&r);
  std::string source;
  std::vector<std::string> values;
  bool isPartition = !partitions.empty() && random_.chance(30);
  if (isPartition) {
    const Referable& p = *partitions[random_.below(partitions.size())];
    uses_.push_back(p.definition);
    note("ref:partition-value");
    source = p.name;
    values = p.branches;
  } else {
    const EnumInfo& e = kEnums[random_.below(3)];
    source = e.field;
    values = e.values;
  }
  if (depth > 0 && random_.chance(20)) {
    note("coalesce:enum");
    source = "coalesce(" + source + ", " + random_.pick(values) + ")";
  }
  switch (random_.below(5)) {
  case 0:
  case 1: {
    note("enum-eq");
    std::string op = random_.chance(60) ? " == " : " != ";
    // A bare value may stand on the left of a field (not of a partition: a branch name
    // on the left is that branch's segment).
    if (!isPartition && random_.chance(25)) return paren(random_.pick(values) + op + source);
    return paren(source + op + random_.pick(values));
  }
  case 2: {
    note("enum-in");
    std::string list;
    int n = random_.range(1, 3);
    for (int i = 0; i < n; ++i)
      list += (i ? ", " : "") + random_.pick(values);
    return paren(source + (random_.chance(30) ? " not in [" : " in [") + list + "]");
  }
  case 3:
    note("enum-eq-enum");
    return paren(source + (random_.chance(50) ? " == " : " != ") + source);
  default:
    if (isPartition && random_.chance(50)) {
      note("partition-null");
      return paren(source + (random_.chance(50) ? " is null" : " is not null"));
    }
    note("enum-eq");
    return paren(source + " == " + random_.pick(values));
  }
}

std::string ExprGenerator::betweenCondition(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  std::string word = random_.chance(25) ? " not between " : " between ";
  note(word == " between " ? "between" : "not-between");
  switch (random_.below(5)) {
  case 0: {
    std::string value = string(scope, d);
    return paren(value + word + stringLiteralFor(value, false) + " and " +
                 stringLiteralFor(value, false));
  }
  case 1:
    return paren(timestamp(scope, d) + word + timestamp(scope, d) + " and " + timestamp(scope, d));
  case 2:
    return paren(duration(scope, d) + word + duration(scope, d) + " and " + duration(scope, d));
  default: {
    std::string lo = random_.chance(60) ? intLiteral() : number(scope, d);
    std::string hi = random_.chance(60) ? (random_.chance(50) ? intLiteral() : floatLiteral())
                                        : number(scope, d);
    return paren(number(scope, d) + word + lo + " and " + hi);
  }
  }
}

std::string ExprGenerator::inCondition(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  std::string word = random_.chance(25) ? " not in [" : " in [";
  note(word == " in [" ? "in" : "not-in");
  if (random_.chance(3)) {
    note("in-empty");
    return paren(number(scope, d) + word + "]");
  }
  int n = random_.range(1, 4);
  std::string items;
  bool constants = random_.chance(80);
  if (!constants) note("in-nonconstant");
  std::string value;
  switch (random_.below(4)) {
  case 0:
    value = string(scope, d);
    for (int i = 0; i < n; ++i)
      items += (i ? ", " : "") + (constants ? stringLiteralFor(value, false) : string(scope, d));
    break;
  case 1:
    value = timestamp(scope, d);
    for (int i = 0; i < n; ++i)
      items += (i ? ", " : "") + (constants ? timestampLiteral() : timestamp(scope, d));
    break;
  default:
    value = number(scope, d);
    for (int i = 0; i < n; ++i)
      items += (i ? ", " : "") + (constants ? (random_.chance(70) ? intLiteral() : floatLiteral())
                                            : number(scope, d));
    break;
  }
  return paren(value + word + items + "]");
}

std::string ExprGenerator::nullTest(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  std::string value;
  switch (random_.below(8)) {
  case 0:
  case 1: {
    static const std::vector<std::string> nullable = {"age", "nps", "trial_days_left"};
    value = random_.pick(nullable);
    break;
  }
  case 2:
    value = scope.aggregates
                ? propertyAggregate(random_.chance(50) ? Ty::Float : Ty::Timestamp, scope, d)
                : integer(scope, d);
    break;
  case 3:
    value = paren(number(scope, d) + " / " + number(scope, d));
    break;
  case 4:
    value = paren(integer(scope, d) + " % " + integer(scope, d));
    break;
  case 5:
    value = paren(condition(scope, d));
    break;
  case 6:
    value = scope.aggregates ? propertyAggregate(Ty::String, scope, d) : string(scope, d);
    break;
  default:
    value = number(scope, d);
    break;
  }
  bool negated = random_.chance(50);
  note(negated ? "is-not-null" : "is-null");
  return paren(value + (negated ? " is not null" : " is null"));
}

std::string ExprGenerator::stringPredicate(const ExprScope& scope, int depth) {
  const int d = std::max(depth - 1, 0);
  static const std::vector<std::string> fns = {"contains", "starts_with", "ends_with"};
  std::string fn = random_.pick(fns);
  note("fn:" + fn);
  std::string haystack = string(scope, d);
  std::string needle = random_.chance(80) ? stringLiteralFor(haystack, true) : string(scope, d);
  return fn + "(" + haystack + ", " + needle + ")";
}

std::string ExprGenerator::condition(const ExprScope& scope, int depth) {
  if (depth <= 0 || random_.chance(10)) return conditionLeaf(scope);
  const int d = depth - 1;
  std::vector<Choice> c = {
      {7,
       [&] {
         std::string op = random_.chance(50) ? " and " : " or ";
         note(op == " and " ? "and" : "or");
         return paren(condition(scope, d) + op + condition(scope, d));
       }},
      {3,
       [&] {
         note("not");
         return "not " + paren(condition(scope, d));
       }},
      {10, [&] { return comparison(scope, depth); }},
      {4, [&] { return enumCondition(scope, depth); }},
      {3, [&] { return betweenCondition(scope, depth); }},
      {3, [&] { return inCondition(scope, depth); }},
      {3, [&] { return nullTest(scope, depth); }},
      {3, [&] { return stringPredicate(scope, depth); }},
      {1,
       [&] {
         note("coalesce:bool");
         return "coalesce(" + condition(scope, d) + ", " + condition(scope, d) + ")";
       }},
      {2, [&] { return conditionLeaf(scope); }},
  };
  if (scope.event >= 0) c.push_back({4, [&] { return eventWindowCondition(scope); }});
  if (scope.aggregates) c.push_back({7, [&] { return existsAggregate(scope, d); }});
  if (scope.strings) c.push_back({30, [&] { return stringCondition(scope, depth); }});
  return choose(c);
}

} // namespace seg::fuzz
