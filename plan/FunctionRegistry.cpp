// The registry's entries. A new builtin is an entry here plus its implementations (the
// interpreter's, the JIT's, the SQL dialects'), or an entry saying which engines lack one.
#include "plan/FunctionRegistry.h"

#include <stdexcept>

namespace seg::plan {
namespace {

using A = ArgType;
using R = ResultType;

Signature sig(std::vector<ArgType> args, ResultType result) {
  return Signature{std::move(args), result};
}

FunctionInfo eventAggregate(Function f, std::string_view name, ArgType subject, ResultType result,
                            NullRule nulls, AggregateFn fn) {
  FunctionInfo info{f, name, FunctionKind::EventAggregate, {sig({subject}, result)}, nulls};
  info.aggregate = fn;
  info.usage = std::string(name) + (subject == A::Event
                                        ? "(EVENT [where CONDITION] [within DURATION])"
                                        : "(EVENT.property [where CONDITION] [within DURATION])");
  return info;
}

FunctionInfo scalar(Function f, std::string_view name, std::vector<Signature> signatures, Op op,
                    std::string_view usage) {
  FunctionInfo info{f, name, FunctionKind::Scalar, std::move(signatures)};
  info.op = op;
  info.usage = usage;
  return info;
}

FunctionInfo population(Function f, std::string_view name, std::vector<Signature> signatures,
                        NullRule nulls, std::string_view usage = {}) {
  FunctionInfo info{f, name, FunctionKind::PopulationAggregate, std::move(signatures), nulls};
  // Metrics are queries of their own on PostgreSQL and ClickHouse (sql/SqlMetrics.h); not
  // yet on DuckDB, whose metric queries are refused as a whole.
  info.engines = {Engine::Interpreter, Engine::Jit, Engine::Postgres, Engine::ClickHouse};
  info.usage = usage;
  return info;
}

std::vector<FunctionInfo> entries() {
  std::vector<FunctionInfo> out;
  auto add = [&](FunctionInfo info) {
    if (static_cast<std::size_t>(info.function) != out.size())
      throw std::logic_error("the function registry is not in Function order");
    out.push_back(std::move(info));
  };
  // ---- event aggregates: one argument, `E` or `E.p`, with where/within clauses.
  add(eventAggregate(Function::Count, "count", A::Event, R::Int, NullRule::Never,
                     AggregateFn::Count));
  add(eventAggregate(Function::Exists, "exists", A::Event, R::Bool, NullRule::Never,
                     AggregateFn::Exists));
  out.back().sequences = true;
  add(eventAggregate(Function::Sum, "sum", A::NumericProperty, R::Argument, NullRule::Never,
                     AggregateFn::Sum));
  add(eventAggregate(Function::Avg, "avg", A::NumericProperty, R::Float, NullRule::Possible,
                     AggregateFn::Avg));
  add(eventAggregate(Function::Min, "min", A::OrderedProperty, R::Argument, NullRule::Possible,
                     AggregateFn::Min));
  add(eventAggregate(Function::Max, "max", A::OrderedProperty, R::Argument, NullRule::Possible,
                     AggregateFn::Max));
  // ClickHouse keeps no load order: it refuses first/last of a property other than `at`,
  // whose ties could tell.
  add(eventAggregate(Function::First, "first", A::Property, R::Argument, NullRule::Possible,
                     AggregateFn::First));
  add(eventAggregate(Function::Last, "last", A::Property, R::Argument, NullRule::Possible,
                     AggregateFn::Last));
  add(eventAggregate(Function::Distinct, "distinct", A::Property, R::Int, NullRule::Never,
                     AggregateFn::Distinct));
  add(eventAggregate(Function::Days, "days", A::Event, R::Int, NullRule::Never, AggregateFn::Days));
  for (Function f : {Function::Count, Function::Distinct, Function::Days})
    out[static_cast<std::size_t>(f)].nonNegative = true;

  // ---- scalars. String functions lower to their own ops, which the lowering then turns
  // into string tables; the rest are Call nodes.
  const std::vector<Signature> ofTimestamp = {sig({A::Timestamp}, R::Int)};
  add(scalar(Function::DaysSince, "days_since", ofTimestamp, Op::Call, "days_since(signup_at)"));
  add(scalar(Function::HoursSince, "hours_since", ofTimestamp, Op::Call, "hours_since(signup_at)"));
  for (Function f : {Function::DaysSince, Function::HoursSince})
    out[static_cast<std::size_t>(f)].readsNow = true;
  add(scalar(Function::Lower, "lower", {sig({A::String}, R::String)}, Op::StrLower, "lower(city)"));
  add(scalar(Function::Upper, "upper", {sig({A::String}, R::String)}, Op::StrUpper, "upper(city)"));
  add(scalar(Function::Length, "length", {sig({A::String}, R::Int)}, Op::StrLength,
             "length(city)"));
  const std::vector<Signature> ofTwoStrings = {sig({A::String, A::String}, R::Bool)};
  add(scalar(Function::Contains, "contains", ofTwoStrings, Op::StrContains,
             "contains(email, \"@example.com\")"));
  add(scalar(Function::StartsWith, "starts_with", ofTwoStrings, Op::StrStartsWith,
             "starts_with(email, \"@example.com\")"));
  add(scalar(Function::EndsWith, "ends_with", ofTwoStrings, Op::StrEndsWith,
             "ends_with(email, \"@example.com\")"));
  Signature shared = sig({A::Shared, A::Shared}, R::Common);
  shared.variadic = true;
  add(scalar(Function::Coalesce, "coalesce", {shared}, Op::Coalesce, "coalesce(nps, 0)"));
  out.back().nulls = NullRule::WhenAllNull;
  add(scalar(Function::Abs, "abs", {sig({A::NumberOrDuration}, R::Argument)}, Op::Call, "abs(x)"));
  // round(x, digits) in every SQL dialect: sql/SqlRound.h
  add(scalar(Function::Round, "round",
             {sig({A::Number}, R::Int), sig({A::Number, A::Digits}, R::Float)}, Op::Call,
             "round(x) or round(x, 2)"));
  add(scalar(Function::Year, "year", ofTimestamp, Op::Call, "year(signup_at)"));
  add(scalar(Function::Month, "month", ofTimestamp, Op::Call, "month(signup_at)"));
  add(scalar(Function::DayOfWeek, "day_of_week", ofTimestamp, Op::Call, "day_of_week(signup_at)"));
  add(scalar(Function::Hour, "hour", ofTimestamp, Op::Call, "hour(signup_at)"));

  // ---- population aggregates (metrics).
  add(population(Function::PopCount, "count", {sig({}, R::Int), sig({A::Condition}, R::Int)},
                 NullRule::Never));
  add(population(Function::Percent, "percent", {sig({A::Condition}, R::Float)},
                 NullRule::Possible));
  add(population(Function::PopSum, "sum", {sig({A::Number}, R::Argument)}, NullRule::Never));
  add(population(Function::PopAvg, "avg", {sig({A::Number}, R::Float)}, NullRule::Possible));
  add(population(Function::PopMin, "min", {sig({A::Ordered}, R::Argument)}, NullRule::Possible));
  add(population(Function::PopMax, "max", {sig({A::Ordered}, R::Argument)}, NullRule::Possible));
  add(population(Function::Median, "median", {sig({A::Number}, R::Float)}, NullRule::Possible));
  add(population(Function::Quantile, "quantile", {sig({A::Number, A::Fraction}, R::Float)},
                 NullRule::Possible, "quantile(x, 0.9)"));
  add(population(Function::Ratio, "ratio", {sig({A::Number, A::Number}, R::Float)},
                 NullRule::Possible, "ratio(numerator, denominator)"));

  // ---- population ranks.
  FunctionInfo ntile{Function::Ntile,
                     "ntile",
                     FunctionKind::PopulationRank,
                     {sig({A::Buckets, A::Rankable}, R::Int)}};
  ntile.usage = "ntile(5, sum(purchase.amount))";
  add(std::move(ntile));
  return out;
}

} // namespace

std::string_view engineName(Engine engine) {
  switch (engine) {
  case Engine::Interpreter:
    return "interpreter";
  case Engine::Jit:
    return "jit";
  case Engine::Postgres:
    return "postgres";
  case Engine::ClickHouse:
    return "clickhouse";
  case Engine::DuckDb:
    return "duckdb";
  }
  return "?";
}

const Signature* FunctionInfo::signatureFor(std::size_t arity) const {
  for (const Signature& s : signatures)
    if (s.accepts(arity)) return &s;
  return nullptr;
}

bool FunctionInfo::implementedBy(Engine engine, std::size_t arity) const {
  const Signature* form = signatureFor(arity);
  return engines.has(engine) && form != nullptr && !form->refusedBy.has(engine);
}

const std::vector<FunctionInfo>& functionRegistry() {
  static const std::vector<FunctionInfo> registry = entries();
  return registry;
}

const FunctionInfo& functionInfo(Function f) {
  return functionRegistry().at(static_cast<std::size_t>(f));
}

std::string_view functionName(Function f) {
  return functionInfo(f).name;
}

std::optional<Function> functionNamed(std::string_view name, FunctionKind kind) {
  for (const FunctionInfo& info : functionRegistry())
    if (info.kind == kind && info.name == name) return info.function;
  return std::nullopt;
}

std::optional<Function> functionLoweredTo(Op op) {
  if (op == Op::Call || op == Op::Coalesce) return std::nullopt;
  for (const FunctionInfo& info : functionRegistry())
    if (info.kind == FunctionKind::Scalar && info.op == op) return info.function;
  return std::nullopt;
}

std::optional<Function> functionAggregating(AggregateFn fn) {
  for (const FunctionInfo& info : functionRegistry())
    if (info.kind == FunctionKind::EventAggregate &&
        (fn == AggregateFn::Sequence ? info.sequences : info.aggregate == fn))
      return info.function;
  return std::nullopt;
}

const std::vector<std::string>& allFunctionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const FunctionInfo& info : functionRegistry()) {
      std::string name(info.name);
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
  }();
  return names;
}

bool resultNullable(NullRule rule, const std::vector<bool>& argsNullable) {
  switch (rule) {
  case NullRule::Propagates:
    return std::find(argsNullable.begin(), argsNullable.end(), true) != argsNullable.end();
  case NullRule::Never:
    return false;
  case NullRule::Possible:
    return true;
  case NullRule::WhenAllNull:
    return std::find(argsNullable.begin(), argsNullable.end(), false) == argsNullable.end();
  }
  return true;
}

} // namespace seg::plan
