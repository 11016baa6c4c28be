// The function registry against the code that implements it: every entry and form is
// called in a small program, which the checker accepts, the interpreter evaluates by the
// entry's null rule (and its calls move with `now` as the entry says), the JIT accepts (and
// agrees with the interpreter on) exactly when the entry names it, and each SQL dialect
// refuses by name exactly when the entry says it lacks it; and the checker knows no name
// beyond the registry.
#include "plan/FunctionRegistry.h"

#include "../exec/ExecTestSupport.h"
#include "../jit/JitTestSupport.h"
#include "TestCompile.h"
#include "exec/Scalars.h"
#include "jit/SupportedPlan.h"
#include "plan/Lowering.h"
#include "sql/SqlMetrics.h"
#include "sql/SqlSegments.h"
#include "syntax/Keywords.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <set>

namespace seg::test {
namespace {

using plan::ArgType;
using plan::Engine;
using plan::FunctionInfo;
using plan::FunctionKind;
using plan::NullRule;
using plan::Signature;

// An argument of `type` over testSchema(): contact fields, `ev`'s properties, literals.
std::string argumentOf(ArgType type, std::size_t position) {
  switch (type) {
  case ArgType::Event:
    return "ev";
  case ArgType::Property:
    return "ev.at"; // ClickHouse takes first/last of `at` only (no load order)
  case ArgType::NumericProperty:
    return "ev.f";
  case ArgType::OrderedProperty:
    return "ev.v";
  case ArgType::Condition:
    return "b";
  case ArgType::Timestamp:
    return "ts";
  case ArgType::String:
    return position == 0 ? "s" : "\"a\""; // two string columns are a construct of their own
  case ArgType::Number:
  case ArgType::Rankable:
    return "x";
  case ArgType::NumberOrDuration:
  case ArgType::Ordered:
    return "n";
  case ArgType::Shared:
    return position == 0 ? "n" : "m";
  case ArgType::Digits:
    return "2";
  case ArgType::Buckets:
    return "4";
  case ArgType::Fraction:
    return "0.5";
  }
  return "?";
}

std::string callOf(const FunctionInfo& info, const Signature& form) {
  std::string args;
  for (std::size_t i = 0; i < form.args.size(); ++i)
    args += (i ? ", " : "") + argumentOf(form.args[i], i);
  return fmt::format("{}({})", info.name, args);
}

// Per-contact calls are probed by `segment probe = CALL is not null`; population aggregates
// by a metric.
std::string programOf(const FunctionInfo& info, const Signature& form) {
  if (info.kind == FunctionKind::PopulationAggregate)
    return fmt::format("metric probe = {}\n", callOf(info, form));
  return fmt::format("segment probe = {} is not null\n", callOf(info, form));
}

// Contact 0 has every field and two events with every property; contact 1 has none.
runtime::Store probeStore() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  std::size_t full = b.contact({{"id", 1},
                                {"n", -3},
                                {"m", 4},
                                {"x", 1.5},
                                {"y", 2.0},
                                {"s", "Ab"},
                                {"t", "cd"},
                                {"b", true},
                                {"c", false},
                                {"e", "red"},
                                {"ts", kNow - 3 * kDay},
                                {"g", "g"}});
  b.contact({{"id", 2}, {"g", "h"}});
  b.event("ev", full, kNow - kDay, {{"v", 1}, {"f", 2.5}, {"w", "p"}});
  b.event("ev", full, kNow - 2 * kDay, {{"v", 2}, {"f", 0.5}, {"w", "q"}});
  return b.finish();
}

struct Probe {
  const FunctionInfo* info;
  const Signature* form;
  std::string program;
};

std::vector<Probe> everyForm() {
  std::vector<Probe> out;
  for (const FunctionInfo& info : plan::functionRegistry())
    for (const Signature& form : info.signatures)
      out.push_back({&info, &form, programOf(info, form)});
  return out;
}

std::string describe(const Probe& p) {
  return fmt::format("{} ({})", callOf(*p.info, *p.form), p.program);
}

TEST(FunctionRegistry, EntriesAreConsistent) {
  const auto& registry = plan::functionRegistry();
  std::set<std::pair<FunctionKind, std::string_view>> names;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const FunctionInfo& info = registry[i];
    SCOPED_TRACE(std::string(info.name));
    EXPECT_EQ(static_cast<std::size_t>(info.function), i) << "entries are in Function order";
    EXPECT_TRUE(names.insert({info.kind, info.name}).second) << "one entry per name and kind";
    ASSERT_FALSE(info.signatures.empty());
    std::set<std::size_t> arities;
    for (const Signature& form : info.signatures) {
      EXPECT_TRUE(arities.insert(form.args.size()).second) << "signatures differ by arity";
      EXPECT_EQ(form.form.empty(), [&] {
        for (Engine e : plan::kEngines)
          if (form.refusedBy.has(e)) return false;
        return true;
      }()) << "a form some engine refuses is named for the refusal";
    }
    if (info.kind == FunctionKind::Scalar && info.op == plan::Op::Call) {
      EXPECT_EQ(info.nulls, NullRule::Propagates)
          << "both engines evaluate a Call node as null when an operand is";
    }
    if (info.kind == FunctionKind::Scalar && info.op != plan::Op::Call &&
        info.op != plan::Op::Coalesce) {
      EXPECT_EQ(plan::functionLoweredTo(info.op), info.function);
    }
    if (info.kind == FunctionKind::EventAggregate) {
      EXPECT_EQ(plan::functionAggregating(info.aggregate), info.function);
    }
    EXPECT_TRUE(info.engines.has(Engine::Interpreter)) << "the interpreter is the reference";
  }
}

// The checker resolves exactly the registry's names: each name of the registry, and no
// near miss of one nor a common name from elsewhere (keywords aside: they are no names).
TEST(FunctionRegistry, TheCheckerKnowsOnlyTheRegistrysNames) {
  std::set<std::string> candidates = {"sqrt", "floor", "ceil",  "concat",   "trim",  "substr",
                                      "log",  "exp",   "pow",   "mean",     "mode",  "stddev",
                                      "rank", "lag",   "lead",  "greatest", "least", "nullif",
                                      "if",   "now",   "today", "replace",  "split", "date"};
  const std::vector<std::string>& known = plan::allFunctionNames();
  for (const std::string& name : known) {
    candidates.insert(name);
    for (std::size_t i = 0; i < name.size(); ++i) // near misses: a letter dropped or doubled
      candidates.insert(name.substr(0, i) + name.substr(i + 1)),
          candidates.insert(name.substr(0, i + 1) + name.substr(i));
    candidates.insert(name + "s");
  }
  const std::vector<std::string> keywords = keywordNames();
  for (const std::string& name : candidates) {
    if (name.empty() || std::find(keywords.begin(), keywords.end(), name) != keywords.end())
      continue;
    Compilation c = compileText(testSchema() + "\nsegment probe = " + name + "(n) > 0\n");
    const bool unknown = renderAll(c).find("unknown function '" + name + "'") != std::string::npos;
    const bool inRegistry = std::find(known.begin(), known.end(), name) != known.end();
    EXPECT_EQ(!unknown, inRegistry) << name;
  }
}

// Each form checks, with the entry's result nullability over contact 1's nulls.
TEST(FunctionRegistry, TheInterpreterEvaluatesEveryFormByItsNullRule) {
  for (const Probe& p : everyForm()) {
    SCOPED_TRACE(describe(p));
    std::unique_ptr<Ran> ran = run(p.program, probeStore());
    ASSERT_NE(ran, nullptr);
    if (p.info->kind == FunctionKind::PopulationAggregate) {
      const exec::MetricResult& metric = ran->metric("probe");
      ASSERT_EQ(metric.rows.size(), 1u);
      EXPECT_TRUE(metric.rows[0].value.has_value()) << "over one contact with values";
      continue;
    }
    std::set<std::size_t> members = ran->members("probe");
    EXPECT_TRUE(members.count(0)) << "a value from values";
    switch (p.info->nulls) {
    case NullRule::Propagates:
    case NullRule::WhenAllNull:
      EXPECT_FALSE(members.count(1)) << "null from nulls";
      break;
    case NullRule::Never:
      EXPECT_TRUE(members.count(1)) << "never null";
      break;
    case NullRule::Possible:
      break;
    }
  }
}

// Call nodes evaluate with the interpreter's own function, to a value, and move with `now`
// exactly when the entry says they read it.
TEST(FunctionRegistry, CallsReadNowExactlyWhenTheirEntriesSay) {
  for (const Probe& p : everyForm()) {
    if (p.info->kind != FunctionKind::Scalar || p.info->op != plan::Op::Call) continue;
    SCOPED_TRACE(describe(p));
    std::vector<exec::Value> args;
    std::vector<plan::ValueType> types;
    for (ArgType type : p.form->args) {
      if (type == ArgType::Timestamp) {
        args.push_back(exec::Value::integer(kNow - 3 * kDay - 5 * kHour));
        types.push_back(plan::ValueType::Timestamp);
      } else if (type == ArgType::Number) {
        args.push_back(exec::Value::real(1.5));
        types.push_back(plan::ValueType::Float);
      } else {
        args.push_back(exec::Value::integer(type == ArgType::Digits ? 2 : -3));
        types.push_back(plan::ValueType::Int);
      }
    }
    exec::Value at = exec::callFunction(p.info->function, args, types, kNow);
    exec::Value later = exec::callFunction(p.info->function, args, types, kNow + 400 * kDay);
    ASSERT_TRUE(at.valid && later.valid);
    EXPECT_EQ(at.i != later.i || at.f != later.f, p.info->readsNow);
  }
}

// SupportedPlan accepts a form exactly when the entry names the JIT, and then the compiled
// kernels agree with the interpreter.
TEST(FunctionRegistry, TheJitImplementsWhatItsEntriesSay) {
  for (const Probe& p : everyForm()) {
    SCOPED_TRACE(describe(p));
    std::unique_ptr<Lowered> lowered = lower(testSchema() + "\n" + p.program);
    ASSERT_NE(lowered, nullptr);
    const bool implemented = p.info->implementedBy(Engine::Jit, p.form->args.size());
    std::optional<std::string> reason = jit::unsupportedReason(lowered->plan);
    EXPECT_EQ(!reason.has_value(), implemented) << reason.value_or("");
    if (reason) {
      EXPECT_NE(reason->find(std::string(p.info->name)), std::string::npos) << *reason;
      continue;
    }
    EXPECT_EQ(compareEngines(lowered->plan, probeStore(), kNow, 1), "");
  }
}

// Segments probe the per-contact functions and metrics the population aggregates.
TEST(FunctionRegistry, EachDialectRefusesByNameExactlyWhatItsEntriesSay) {
  for (const Probe& p : everyForm()) {
    SCOPED_TRACE(describe(p));
    Compilation compilation = compileText(testSchema() + "\n" + p.program);
    ASSERT_TRUE(compilation.ok()) << renderAll(compilation);
    plan::Plan plan = plan::lowerProgram(*compilation.program, plan::LoweringOptions{false});
    for (sql::Dialect dialect :
         {sql::Dialect::Postgres, sql::Dialect::ClickHouse, sql::Dialect::DuckDb}) {
      SCOPED_TRACE(std::string(sql::dialectName(dialect)));
      sql::QueryContext context{plan, compilation.program->schema, dialect, sql::TableNames{},
                                kNow};
      std::string error;
      // DuckDB writes no metric query yet (the whole metric is refused, not its function)
      if (p.info->kind == FunctionKind::PopulationAggregate && dialect == sql::Dialect::DuckDb)
        continue;
      if (p.info->kind == FunctionKind::PopulationAggregate) {
        std::vector<sql::MetricQuery> queries = sql::metricQueries(context);
        ASSERT_EQ(queries.size(), 1u);
        error = queries[0].error;
      } else {
        std::vector<sql::SegmentQuery> queries = sql::segmentQueries(context);
        ASSERT_EQ(queries.size(), 1u);
        error = queries[0].error;
      }
      const std::string name = p.form->form.empty() ? fmt::format("the function {}()", p.info->name)
                                                    : std::string(p.form->form);
      const bool implemented =
          p.info->implementedBy(sql::dialectEngine(dialect), p.form->args.size());
      EXPECT_EQ(error.empty(), implemented) << error;
      if (!implemented) {
        EXPECT_NE(error.find("uses " + name), std::string::npos) << error;
      }
    }
  }
}

} // namespace
} // namespace seg::test
