// The optimized metrics (runtime/exec/Metrics.cpp: dense group ids, typed passes) against
// the old, simple implementation kept in NaiveMetrics.cpp, on random stores and random
// metric programs: the same rows, group keys in the same order, values bit for bit.
//
// The checker only lets `by` name enum, bool, string and int fields and partitions; the
// runtime groups any type, so float and timestamp keys are compiled with a stand-in field
// and the lowered plan's key is then pointed at the real field. Float keys hold no NaN
// (where the old code had no defined order), but −0.0 and 0.0 (one group in both).
#include "ExecTestSupport.h"
#include "NaiveMetrics.h"
#include "exec/ThreadPool.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace seg::test {
namespace {

using Rng = std::mt19937_64;
constexpr std::uint64_t kSeed = 0x5e6'3e71c5;

int uniform(Rng& rng, int lo, int hi) { // inclusive
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(Rng& rng, double p) {
  return std::bernoulli_distribution(p)(rng);
}
template <class T> const T& pick(Rng& rng, const std::vector<T>& options) {
  return options[static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(options.size()) - 1))];
}

// ------------------------------------------------------------------ data

struct Shape {
  std::size_t rows = 0;
  double nulls = 0.3;      // chance of null for a nullable field
  bool wideInts = false;   // n, m over all of int64 (few ties) instead of -5..15
  bool wideFloats = false; // x, y anywhere in ±1e9 instead of a pool with ties
  int stringPool = 5;      // distinct s/t/g texts; 0: one per contact
  double events = 1.0;     // mean `ev` events per contact

  std::string describe() const {
    std::ostringstream out;
    out << "rows=" << rows << " nulls=" << nulls << " wideInts=" << wideInts
        << " wideFloats=" << wideFloats << " stringPool=" << stringPool << " events=" << events;
    return out.str();
  }
};

Cell intCell(Rng& rng, const Shape& shape) {
  if (shape.wideInts) return static_cast<std::int64_t>(rng());
  return std::int64_t{uniform(rng, -5, 15)};
}

Cell floatCell(Rng& rng, const Shape& shape) {
  if (chance(rng, 0.1)) return chance(rng, 0.5) ? -0.0 : 0.0;
  if (shape.wideFloats) return std::uniform_real_distribution<double>(-1e9, 1e9)(rng);
  static const std::vector<double> pool{-7.5, -1.25, 0.1, 0.5, 1, 1.5, 2, 3.75, 100, 1e6, 0.3};
  return pick(rng, pool);
}

Cell stringCell(Rng& rng, const Shape& shape, std::size_t row, const char* prefix) {
  if (shape.stringPool == 0) return prefix + std::to_string(row);
  const int k = uniform(rng, 0, shape.stringPool - 1);
  if (k == 0) return std::string(); // the empty text sorts first
  return prefix + std::to_string(k) + (k % 3 == 0 ? "Z" : "a");
}

runtime::Store makeStore(Rng& rng, const Shape& shape) {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  auto maybe = [&](Cell cell) { return chance(rng, shape.nulls) ? Cell{Null{}} : cell; };
  static const std::vector<std::string> colors{"red", "green", "blue"};
  for (std::size_t row = 0; row < shape.rows; ++row) {
    Row r;
    r["id"] = static_cast<std::int64_t>(row);
    r["n"] = maybe(intCell(rng, shape));
    r["m"] = maybe(intCell(rng, shape));
    r["x"] = maybe(floatCell(rng, shape));
    r["y"] = maybe(floatCell(rng, shape));
    r["s"] = maybe(stringCell(rng, shape, row, "s"));
    r["t"] = maybe(stringCell(rng, shape, row, "t"));
    r["g"] = stringCell(rng, shape, row, "g");
    r["b"] = maybe(chance(rng, 0.5));
    r["c"] = maybe(chance(rng, 0.3));
    r["e"] = maybe(pick(rng, colors));
    r["ts"] = maybe(shape.wideInts ? static_cast<std::int64_t>(rng() >> 2)
                                   : kNow - std::int64_t{uniform(rng, -3, 40)} * kDay);
    b.contact(r);
    const int events = std::poisson_distribution<int>(shape.events)(rng);
    for (int k = 0; k < events; ++k) {
      Row p;
      p["v"] = maybe(std::int64_t{uniform(rng, -3, 9)});
      p["f"] = maybe(floatCell(rng, shape));
      p["w"] = maybe(stringCell(rng, shape, row, "w"));
      b.event("ev", row, kNow - std::int64_t{uniform(rng, 0, 20 * 24)} * kHour, p);
    }
    if (chance(rng, 0.3)) b.event("click", row, kNow - std::int64_t{uniform(rng, 0, 10)} * kDay);
  }
  return b.finish();
}

Shape randomShape(Rng& rng) {
  Shape s;
  static const std::vector<std::size_t> sizes{0, 1, 2, 3, 7, 40, 200, 600, 3000};
  s.rows = pick(rng, sizes);
  static const std::vector<double> nulls{0, 0.1, 0.3, 0.6, 0.95, 1};
  s.nulls = pick(rng, nulls);
  s.wideInts = chance(rng, 0.2);
  s.wideFloats = chance(rng, 0.2);
  static const std::vector<int> pools{0, 1, 2, 4, 12, 60};
  s.stringPool = pick(rng, pools);
  static const std::vector<double> events{0, 0.3, 1.5};
  s.events = pick(rng, events);
  return s;
}

// ------------------------------------------------------------------ programs

// The declarations every program starts with: two partitions (one without `else`, so
// also null) and a segment, for keys and conditions.
const char* const kPrelude = R"(partition p {
  neg = n < 0
  small = n < 5
  big = else
}
partition q {
  lo = x < 0
  hi = x > 1
  active = exists(ev within 7d)
}
segment top = b and n > 2
)";

// A metric's `by` key: a name the checker accepts, or a float / timestamp field compiled
// as `standIn` and patched into the plan.
struct KeyChoice {
  std::string name;
  plan::ValueType patchedType = plan::ValueType::Enum;
  std::string standIn; // empty: not patched
};

KeyChoice keyChoice(const std::string& name) {
  KeyChoice k;
  k.name = name;
  if (name == "x" || name == "y") k.patchedType = plan::ValueType::Float;
  if (name == "ts") k.patchedType = plan::ValueType::Timestamp;
  return k;
}

struct Program {
  std::string text;     // what is shown: the real key names
  std::string compiled; // stand-ins for float and timestamp keys
  struct Patch {
    std::string metric;
    std::size_t key;
    std::string field;
    plan::ValueType type;
  };
  std::vector<Patch> patches;
};

enum class Num { Int, Float, Time }; // Time: a timestamp or duration, which stands alone

struct Expr {
  std::string text;
  Num type;
};

class ProgramGenerator {
public:
  explicit ProgramGenerator(Rng& rng) : rng_(rng) {}

  std::string condition(int depth = 0) {
    static const std::vector<std::string> leaves{"b",
                                                 "c",
                                                 "not b",
                                                 "n > 3",
                                                 "n <= 0",
                                                 "x >= 0",
                                                 "x < 1.5",
                                                 "x == 0",
                                                 "exists(ev)",
                                                 "exists(click within 3d)",
                                                 "e == red",
                                                 "e != blue",
                                                 "s == \"s7a\"",
                                                 "g == \"\"",
                                                 "p == big",
                                                 "q == hi",
                                                 "q is null",
                                                 "n is null",
                                                 "count(ev) >= 2",
                                                 "top",
                                                 "sum(ev.f) > 0",
                                                 "ntile(4, n) >= 3",
                                                 "ts > now - 10d",
                                                 "m > n"};
    if (depth < 1 && chance(rng_, 0.25))
      return "(" + condition(depth + 1) + (chance(rng_, 0.5) ? " and " : " or ") +
             condition(depth + 1) + ")";
    return pick(rng_, leaves);
  }

  Expr number() {
    static const std::vector<Expr> numbers{{"n", Num::Int},
                                           {"m", Num::Int},
                                           {"count(ev)", Num::Int},
                                           {"sum(ev.v)", Num::Int},
                                           {"min(ev.v)", Num::Int},
                                           {"days(ev)", Num::Int},
                                           {"distinct(ev.w)", Num::Int},
                                           {"count(click within 7d)", Num::Int},
                                           {"n + m", Num::Int},
                                           {"n * 3", Num::Int},
                                           {"coalesce(n, 0)", Num::Int},
                                           {"days_since(ts)", Num::Int},
                                           {"-n", Num::Int},
                                           {"round(x)", Num::Int},
                                           {"x", Num::Float},
                                           {"y", Num::Float},
                                           {"sum(ev.f)", Num::Float},
                                           {"avg(ev.v)", Num::Float},
                                           {"max(ev.f)", Num::Float},
                                           {"x + y", Num::Float},
                                           {"x * 0.5", Num::Float},
                                           {"-x", Num::Float},
                                           {"coalesce(x, y)", Num::Float}};
    return pick(rng_, numbers);
  }

  // A population aggregate.
  Expr aggregate(bool timestamps = false) {
    switch (uniform(rng_, 0, timestamps ? 9 : 8)) {
    case 0:
      return {"count()", Num::Int};
    case 1:
      return {"count(" + condition() + ")", Num::Int};
    case 2:
      return {"percent(" + condition() + ")", Num::Float};
    case 3: {
      Expr x = number();
      return {"sum(" + x.text + ")", x.type};
    }
    case 4:
      return {"avg(" + number().text + ")", Num::Float};
    case 5: {
      Expr x = number();
      return {std::string(chance(rng_, 0.5) ? "min(" : "max(") + x.text + ")", x.type};
    }
    case 6:
      return {"median(" + number().text + ")", Num::Float};
    case 7: {
      static const std::vector<std::string> qs{"0", "0.1", "0.25", "0.333", "0.5", "0.9", "1"};
      return {"quantile(" + number().text + ", " + pick(rng_, qs) + ")", Num::Float};
    }
    case 8:
      return {"ratio(" + number().text + ", " + number().text + ")", Num::Float};
    default: {
      static const std::vector<std::string> times{"ts", "last(ev.at)", "first(ev.at)"};
      const std::string t = pick(rng_, times);
      // Timestamps alone are metrics, and so is their difference (a duration).
      if (chance(rng_, 0.5)) return {"max(" + t + ") - min(" + t + ")", Num::Time};
      return {std::string(chance(rng_, 0.5) ? "min(" : "max(") + t + ")", Num::Time};
    }
    }
  }

  std::string value() {
    Expr a = aggregate(true);
    if (a.type == Num::Time) return a.text;
    switch (uniform(rng_, 0, 5)) {
    case 0:
    case 1:
      return a.text;
    case 2: {
      Expr b = aggregate();
      std::vector<std::string> ops{" + ", " - ", " * ", " / "};
      if (a.type == Num::Int && b.type == Num::Int) ops.emplace_back(" % ");
      return "(" + a.text + ")" + pick(rng_, ops) + "(" + b.text + ")";
    }
    case 3: {
      static const std::vector<std::string> literals{"2", "100", "0.5", "0"};
      static const std::vector<std::string> ops{" + ", " - ", " * ", " / "};
      return "(" + a.text + ")" + pick(rng_, ops) + pick(rng_, literals);
    }
    case 4:
      return "-(" + a.text + ")";
    default:
      return "((" + a.text + ") + (" + aggregate().text + ")) / (" + aggregate().text + ")";
    }
  }

  std::vector<KeyChoice> keys(int count) {
    static const std::vector<KeyChoice> all = [] {
      std::vector<KeyChoice> out;
      for (const char* name : {"e", "b", "c", "s", "t", "g", "n", "m", "p", "q", "x", "y", "ts"})
        out.push_back(keyChoice(name));
      return out;
    }();
    std::vector<KeyChoice> out;
    while (static_cast<int>(out.size()) < count) {
      const KeyChoice& k = pick(rng_, all);
      if (std::none_of(out.begin(), out.end(),
                       [&](const KeyChoice& o) { return o.name == k.name; }))
        out.push_back(k);
    }
    assignStandIns(out);
    return out;
  }

  // Float and timestamp keys are compiled as a contact field the metric does not group by.
  static void assignStandIns(std::vector<KeyChoice>& keys) {
    static const std::vector<std::string> standIns{"e", "b", "c", "s", "t", "g", "n", "m"};
    auto used = [&](const std::string& name) {
      return std::any_of(keys.begin(), keys.end(),
                         [&](const KeyChoice& k) { return k.name == name || k.standIn == name; });
    };
    for (KeyChoice& k : keys) {
      if (k.patchedType == plan::ValueType::Enum) continue;
      for (const std::string& s : standIns)
        if (!used(s)) {
          k.standIn = s;
          break;
        }
    }
  }

  Program program() {
    Program p;
    p.text = p.compiled = kPrelude;
    const int metrics = uniform(rng_, 1, 4);
    std::string forPart;
    std::vector<KeyChoice> keys;
    for (int k = 0; k < metrics; ++k) {
      // Often the same population and keys as the previous metric (one shared grouping).
      if (k == 0 || chance(rng_, 0.6)) {
        forPart = chance(rng_, 0.4) ? " for " + condition() : "";
        keys = chance(rng_, 0.2) ? std::vector<KeyChoice>{} : this->keys(uniform(rng_, 1, 3));
      }
      const std::string name = "m" + std::to_string(k);
      addMetric(p, name, value() + forPart, keys);
    }
    return p;
  }

  static void addMetric(Program& p, const std::string& name, const std::string& body,
                        const std::vector<KeyChoice>& keys) {
    std::string shown = "metric " + name + " = " + body, compiled = shown;
    for (std::size_t j = 0; j < keys.size(); ++j) {
      const KeyChoice& k = keys[j];
      shown += (j == 0 ? " by " : ", ") + k.name;
      compiled += (j == 0 ? " by " : ", ") + (k.standIn.empty() ? k.name : k.standIn);
      if (!k.standIn.empty()) p.patches.push_back({name, j, k.name, k.patchedType});
    }
    p.text += shown + "\n";
    p.compiled += compiled + "\n";
  }

private:
  Rng& rng_;
};

// ------------------------------------------------------------------ comparison

std::string show(const std::optional<double>& v) {
  if (!v) return "null";
  std::ostringstream out;
  out.precision(17);
  out << *v << " (bits 0x" << std::hex << std::bit_cast<std::uint64_t>(*v) << ")";
  return out.str();
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& s : parts)
    out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

// The first difference, or empty when `got` equals `want` exactly.
std::string difference(const std::vector<exec::MetricResult>& got,
                       const std::vector<exec::MetricResult>& want) {
  if (got.size() != want.size())
    return std::to_string(got.size()) + " metrics, expected " + std::to_string(want.size());
  for (std::size_t m = 0; m < got.size(); ++m) {
    const exec::MetricResult &g = got[m], &w = want[m];
    const std::string where = "metric '" + w.name + "'";
    if (g.name != w.name) return where + ": named '" + g.name + "'";
    if (g.groupBy != w.groupBy) return where + ": by " + join(g.groupBy);
    for (std::size_t r = 0; r < std::max(g.rows.size(), w.rows.size()); ++r) {
      if (r >= g.rows.size()) return where + ": missing row " + join(w.rows[r].groupKey);
      if (r >= w.rows.size()) return where + ": extra row " + join(g.rows[r].groupKey);
      const exec::MetricRow &gr = g.rows[r], &wr = w.rows[r];
      const std::string row = where + " row " + std::to_string(r) + " " + join(wr.groupKey);
      if (gr.groupKey != wr.groupKey) return row + ": key " + join(gr.groupKey);
      const bool sameValue = gr.value.has_value() == wr.value.has_value() &&
                             (!gr.value || std::bit_cast<std::uint64_t>(*gr.value) ==
                                               std::bit_cast<std::uint64_t>(*wr.value));
      if (!sameValue) return row + ": value " + show(gr.value) + ", expected " + show(wr.value);
      if (gr.integral != wr.integral) return row + ": integral " + std::to_string(gr.integral);
      if (gr.contacts != wr.contacts)
        return row + ": " + std::to_string(gr.contacts) + " contacts, expected " +
               std::to_string(wr.contacts);
    }
  }
  return {};
}

// Runs `program` over `store` with the interpreter, patches float/timestamp keys into the
// plan, and compares computeMetrics (alone and on two threads) with the oracle. Returns
// the number of metric rows compared.
std::size_t check(const Program& program, runtime::Store store, const std::string& context,
                  exec::ThreadPool& pool) {
  auto ran = run(program.compiled, std::move(store));
  if (!ran) {
    ADD_FAILURE() << context << "\n" << program.compiled;
    return 0;
  }
  for (const Program::Patch& patch : program.patches) {
    auto metric = std::find_if(ran->plan.metrics.begin(), ran->plan.metrics.end(),
                               [&](const plan::Metric& m) { return m.name == patch.metric; });
    if (metric == ran->plan.metrics.end()) {
      ADD_FAILURE() << "no metric " << patch.metric;
      return 0;
    }
    plan::GroupKey& key = metric->groupBy.at(patch.key);
    key.name = patch.field;
    key.contactField = ran->store.schema.contactFieldIndex(patch.field);
    key.slot = -1;
    key.type = patch.type;
  }
  const exec::BoundPlan& bound = *ran->result.bound;
  const std::vector<exec::MetricResult> want = naiveMetrics(bound);
  std::string diff = difference(exec::computeMetrics(bound), want);
  if (diff.empty()) diff = difference(exec::computeMetrics(bound, &pool), want);
  EXPECT_EQ(diff, "") << context << "\n" << program.text;
  std::size_t rows = 0;
  for (const exec::MetricResult& m : want)
    rows += m.rows.size();
  return rows;
}

std::string context(std::uint64_t seed, const Shape& shape) {
  std::ostringstream out;
  out << "seed " << seed << " (kSeed + " << seed - kSeed << "), store " << shape.describe();
  return out.str();
}

TEST(MetricsDifferential, RandomProgramsMatchTheOldImplementation) {
  exec::ThreadPool pool(2);
  constexpr int kStores = 250, kProgramsPerStore = 3;
  std::size_t rows = 0, programs = 0;
  for (int i = 0; i < kStores; ++i) {
    const std::uint64_t seed = kSeed + static_cast<std::uint64_t>(i);
    Rng rng(seed);
    const Shape shape = randomShape(rng);
    const runtime::Store store = makeStore(rng, shape);
    ProgramGenerator generator(rng);
    for (int k = 0; k < kProgramsPerStore; ++k, ++programs)
      rows += check(generator.program(), store, context(seed, shape), pool);
    if (::testing::Test::HasFailure()) break; // the first failing seed is enough
  }
  RecordProperty("programs", static_cast<int>(programs));
  RecordProperty("metric_rows", static_cast<int>(rows));
  EXPECT_GT(rows, 1000u);
}

// Keys with many distinct values: an int over all of int64 (renumbered to dense codes),
// and three or six near-unique keys whose domains multiply past 2^32 and 2^64.
Program manyKeyProgram(const std::vector<std::string>& names) {
  std::vector<KeyChoice> keys;
  for (const std::string& name : names)
    keys.push_back(keyChoice(name));
  ProgramGenerator::assignStandIns(keys);
  Program p;
  p.text = p.compiled = kPrelude;
  ProgramGenerator::addMetric(p, "counts", "count()", keys);
  ProgramGenerator::addMetric(p, "sums", "sum(m) + sum(x)", keys);
  ProgramGenerator::addMetric(p, "q", "quantile(x, 0.25) - median(n)", keys);
  ProgramGenerator::addMetric(p, "few", "max(ts) for c", keys);
  return p;
}

TEST(MetricsDifferential, WideKeysAndDomainsPastTwoToThe32And64) {
  exec::ThreadPool pool(2);
  const std::vector<std::vector<std::string>> keySets{
      {"n"},           {"n", "b"},      {"e", "n", "p"},
      {"n", "m", "s"}, {"x", "n", "t"}, {"n", "m", "s", "t", "x", "ts"}};
  for (std::uint64_t variant = 0; variant < 4; ++variant) {
    const std::uint64_t seed = kSeed + 1000 + variant;
    Rng rng(seed);
    Shape shape;
    shape.rows = 3000;
    shape.nulls = variant == 0 ? 0 : 0.05 * static_cast<double>(variant);
    shape.wideInts = true;
    shape.wideFloats = variant != 3;
    shape.stringPool = variant == 2 ? 2000 : 0;
    shape.events = 0.2;
    const runtime::Store store = makeStore(rng, shape);
    for (const std::vector<std::string>& keys : keySets)
      check(manyKeyProgram(keys), store, context(seed, shape), pool);
  }
}

// Quantiles, min and max over one group of only −0.0 and 0.0 (and groups keyed by them),
// where the order among equal values decides the bits: the oracle and the selection must
// still agree (both yield +0 for every quantile; min and max keep the first of equals).
TEST(MetricsDifferential, SignedZerosAndTies) {
  exec::ThreadPool pool(2);
  for (std::uint64_t variant = 0; variant < 24; ++variant) {
    const std::uint64_t seed = kSeed + 2000 + variant;
    Rng rng(seed);
    StoreBuilder b(storeSchemaOfText(testSchema()));
    const std::size_t rows = 1 + variant * variant * 5;
    for (std::size_t row = 0; row < rows; ++row)
      b.contact({{"x", chance(rng, 0.5) ? -0.0 : 0.0},
                 {"y", chance(rng, 0.1) ? Cell{Null{}} : Cell{chance(rng, 0.5) ? -0.0 : 0.0}},
                 {"n", uniform(rng, 0, 2)},
                 {"g", "g"}});
    Program p;
    p.text = p.compiled = kPrelude;
    for (const std::vector<KeyChoice>& keys : {std::vector<KeyChoice>{},
                                               {keyChoice("n")},
                                               {keyChoice("y")},
                                               {keyChoice("y"), keyChoice("n")}}) {
      const std::string suffix = std::to_string(keys.size()) + (keys.empty() ? "" : keys[0].name);
      std::vector<KeyChoice> k = keys;
      ProgramGenerator::assignStandIns(k);
      ProgramGenerator::addMetric(p, "med" + suffix, "median(x)", k);
      ProgramGenerator::addMetric(p, "quartile" + suffix, "quantile(x, 0.25)", k);
      ProgramGenerator::addMetric(p, "lowest" + suffix, "quantile(x, 0) + min(x)", k);
      ProgramGenerator::addMetric(p, "highest" + suffix, "quantile(x, 1) - max(y)", k);
      ProgramGenerator::addMetric(p, "sums" + suffix, "sum(x) + avg(y) + ratio(x, n)", k);
    }
    Shape shape;
    shape.rows = rows;
    check(p, b.finish(), context(seed, shape) + " (x, y: only ±0)", pool);
  }
}

} // namespace
} // namespace seg::test
