// The builtin function registry: one entry per function with every fact about it (name,
// kind, signatures, null rule, the plan construct it lowers to, the engines that implement
// it), read by the checker, the lowering, the engines' support checks and the SQL back end.
#pragma once

#include "plan/Plan.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg::plan {

// What an argument must be; the checker words each kind in its diagnostics.
enum class ArgType : std::uint8_t {
  Event,            // an event type: count(purchase)
  Property,         // any property of an event: first(purchase.sku)
  NumericProperty,  // sum(purchase.amount)
  OrderedProperty,  // min(purchase.at): numbers, strings, timestamps
  Condition,        // a bool: percent(nps >= 9)
  Timestamp,        //
  String,           //
  Number,           // int or float
  NumberOrDuration, //
  Ordered,          // numbers, strings, timestamps
  Rankable,         // numbers, timestamps, durations
  Shared,           // any type, the same for every Shared argument: coalesce(a, b, …)
  Digits,           // an integer literal, maybe negated: round(x, 2)
  Buckets,          // an integer literal from 1 to 10000: ntile(5, x)
  Fraction,         // a number literal from 0 to 1: quantile(x, 0.9)
};

enum class ResultType : std::uint8_t {
  Bool,
  Int,
  Float,
  String,
  Argument, // the first argument's type (an event aggregate's: its property's)
  Common,   // the Shared arguments' common type, a float when any is
};

// When the result is null.
enum class NullRule : std::uint8_t {
  Propagates,  // exactly when an argument is (null in, null out)
  Never,       // never (count, exists, sum: 0 over nothing)
  Possible,    // whatever the arguments (avg of no events, min, percent of nobody)
  WhenAllNull, // only when every argument is (coalesce)
};

enum class Engine : std::uint8_t { Interpreter, Jit, Postgres, ClickHouse, DuckDb };
inline constexpr Engine kEngines[] = {Engine::Interpreter, Engine::Jit, Engine::Postgres,
                                      Engine::ClickHouse, Engine::DuckDb};
std::string_view engineName(Engine engine);

class Engines {
public:
  constexpr Engines() = default;
  constexpr Engines(std::initializer_list<Engine> engines) {
    for (Engine e : engines)
      bits_ |= bit(e);
  }
  constexpr bool has(Engine e) const { return (bits_ & bit(e)) != 0; }

private:
  static constexpr std::uint8_t bit(Engine e) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(e));
  }
  std::uint8_t bits_ = 0;
};

inline constexpr Engines kEveryEngine{Engine::Interpreter, Engine::Jit, Engine::Postgres,
                                      Engine::ClickHouse, Engine::DuckDb};
inline constexpr Engines kSqlDialects{Engine::Postgres, Engine::ClickHouse, Engine::DuckDb};

// One way to call a function. The signatures of a function differ by arity.
struct Signature {
  std::vector<ArgType> args;
  ResultType result = ResultType::Int;
  bool variadic = false; // the last argument may repeat
  // Engines that implement the function but not this form, and how their refusal names it.
  Engines refusedBy = {};
  std::string_view form = {};

  bool accepts(std::size_t arity) const {
    return variadic ? arity >= args.size() : arity == args.size();
  }
  // The type of argument `i` (the last one repeats in a variadic form).
  ArgType arg(std::size_t i) const { return args[std::min(i, args.size() - 1)]; }
};

struct FunctionInfo {
  Function function;
  std::string_view name;
  FunctionKind kind;
  std::vector<Signature> signatures;
  NullRule nulls = NullRule::Propagates;
  // What a call lowers to: an event aggregate to an Aggregate of `aggregate`; a scalar to a
  // node of `op` (an Op::Call node names the function); a population aggregate to a
  // metric's PopulationAggregate of the function; a rank to a Rank over a RankInput slot.
  Op op = Op::Call;
  AggregateFn aggregate = AggregateFn::Count;
  Engines engines = kEveryEngine; // the engines that implement it
  // An example call for the checker's "write …" hints; empty: none is given.
  std::string usage = {};
  bool sequences = false;   // takes `A then B` (exists)
  bool readsNow = false;    // reads the evaluation time: its value moves with `now`
  bool nonNegative = false; // an int never below 0: comparisons with some constants have
                            // one outcome, which the checker warns of

  // The signature for `arity` arguments, if any.
  const Signature* signatureFor(std::size_t arity) const;
  // Whether `engine` implements a call with `arity` arguments.
  bool implementedBy(Engine engine, std::size_t arity) const;
};

// Every entry, in Function order.
const std::vector<FunctionInfo>& functionRegistry();
const FunctionInfo& functionInfo(Function f);
inline FunctionKind functionKind(Function f) {
  return functionInfo(f).kind;
}

// Names as written. An event aggregate name may also be a population aggregate name.
std::optional<Function> functionNamed(std::string_view name, FunctionKind kind);
// The function a node of `op` computes, for the ops that only a function lowers to
// (StrLower …, not Call, which names its function, nor Coalesce, which segments use too).
std::optional<Function> functionLoweredTo(Op op);
// The event aggregate an Aggregate of `fn` computes (Sequence: exists with `then`); none
// for Decayed, which score rules make.
std::optional<Function> functionAggregating(AggregateFn fn);
// Every callable name once, in registry order, for "did you mean" suggestions.
const std::vector<std::string>& allFunctionNames();

// Whether a result of `rule` over arguments of these nullabilities may be null.
bool resultNullable(NullRule rule, const std::vector<bool>& argsNullable);

} // namespace seg::plan
