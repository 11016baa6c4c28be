// The lowered plan: a checked program as one typed DAG of per-contact and per-event
// expressions, with event aggregates, population ranks, materialized outputs ("slots")
// and metrics. The reference interpreter and the LLVM code generator both consume it.
//
// Semantics every engine implements (docs/execution.md has the full list):
// - three-valued logic; a node's result is a value or null;
// - Div always yields float; Div and Mod by zero yield null; int arithmetic wraps;
// - String-typed nodes compare by text (bytewise UTF-8) wherever they appear. The lowering
//   wraps every expression that depends on a single string leaf (a string column, or a
//   string-valued aggregate, whose values are codes of its property's dictionary) and
//   constants into a StringLut, evaluated once per dictionary entry when data is bound, so
//   engines mostly see integer codes. A comparison of two string expressions over
//   different leaves becomes a comparison of their StringRanks (each then a StringLut),
//   and a coalesce of several string leaves is moved out of what reads it
//   (f(coalesce(a, b)) = coalesce(f(a), f(b))); what remains (e.g. contains(a, b)) is rare.
//   Lowered without these rewrites (LoweringOptions, the tests' oracle), string nodes stay
//   text operations, which the reference interpreter evaluates directly.
#pragma once

#include "plan/Function.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seg::plan {

// Physical types: Bool → uint8_t (0/1); Int, Timestamp, Duration → int64_t; Float →
// double; Enum → uint32_t (value index); String → uint32_t (dictionary code).
enum class ValueType : std::uint8_t { Bool, Int, Float, Timestamp, Duration, Enum, String };

std::string_view valueTypeName(ValueType type);

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = ~NodeId{0};

enum class Op : std::uint8_t {
  // ---- leaves
  Const,        // constant: `constant` (never null)
  NullConst,    // null of `type`
  Now,          // the evaluation time (timestamp)
  ContactField, // contact column `index`
  EventField,   // property `index` of the current event of type `eventType` (Event scope)
  Slot,         // per-contact output `index`, computed in an earlier stage or earlier in
                // this stage (slots are evaluated in index order)
  Aggregate,    // event aggregate `index` for the current contact
  Rank,         // population rank `index` for the current contact (from an earlier stage)
  LutInput,     // inside a StringLut body: the dictionary entry being evaluated (String)

  // ---- three-valued logic (SQL): and/or absorb with false/true, else null if any null
  Not,
  And,
  Or,
  // ---- arithmetic; operands already have the result's type (casts are explicit), except
  // timestamp ± duration, timestamp − timestamp, duration × int
  Neg,
  Add,
  Sub,
  Mul,
  Div, // float result; operands float; null when the divisor is 0
  Mod, // ints; null when the divisor is 0; sign of the dividend (C semantics)
  ToFloat,
  // ---- comparisons of two operands of one type (numbers already promoted); Bool and Enum
  // operands support Eq/Ne only; String operands compare text
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  IsNull,    // never null itself
  IsNotNull, // never null itself
  InList,    // operands[0] IN (operands[1..]: constants of its type); SQL null rules
  Min2,      // smaller of two floats (score caps); null if either null
  Max2,      // larger of two floats; null if either null
  Coalesce,  // first non-null operand
  // ---- scalar built-ins: `function` is DaysSince, HoursSince, Year, Month, DayOfWeek,
  // Hour, Abs, Round (1 operand → int; 2 operands, the second a Const int → float).
  // String built-ins never appear here: they live in StringLut bodies.
  Call,
  // ---- strings
  // StringLut: operands[0] is a String leaf: ContactField, EventField, or an Aggregate
  // (first/last/min/max of a string property, whose value is a code of that property's
  // dictionary); `body` is a Lut-scope node over LutInput (never String-typed), evaluated
  // once per dictionary entry when data is bound; a row's result is body(the entry of its
  // code). Without operands (a body of string constants only, e.g. "a" < "b") the table
  // has one entry, the body's value for a null input, and every row reads it.
  StringLut,
  // ---- partitions: operands are the branch conditions in order; the result (Enum) is
  // the operand index of the first true one, else `elseIndex` (when ≥ 0), else null.
  // Operand indexes equal branch indexes because `else` can only be the last branch.
  Partition,
  // ---- scores: PointsIf yields `constant` (float points) when operands[0] is true, else
  // 0.0 (never null).
  PointsIf,
  // ---- string built-ins (any scope; in practice inside StringLut bodies); bytewise UTF-8,
  // Lower/Upper change ASCII letters only, Length counts code points
  StrLower,
  StrUpper,
  StrLength,
  StrContains,
  StrStartsWith,
  StrEndsWith,
  // StringRank (Int): where operands[0]'s text (String) sits in the plan's collation, the
  // bytewise-sorted set of every text that a StringRank operand takes over the bound data
  // (evaluated for every dictionary entry, null input included): 2k + 1 for the k-th text
  // of the set, and 2k for a text absent from it that sorts after k of them, so order and
  // equality of texts are order and equality of ranks. Null when the operand is null.
  // The lowering rewrites `a OP b` (Eq..Ge) over two string expressions of different
  // leaves into `StringRank(a) OP StringRank(b)`, and each StringRank becomes a StringLut,
  // so engines compare integers read from tables.
  StringRank,
};

// Eq, Ne, Lt, Le, Gt, Ge.
bool isComparison(Op op);
// The string built-ins StrLower … StrEndsWith.
bool isStringFunction(Op op);

struct Constant {
  std::int64_t integer = 0; // Bool (0/1), Int, Timestamp, Duration, Enum
  double real = 0;          // Float
  std::string text;         // String (inside StringLut bodies and for binding codes)
};

enum class Scope : std::uint8_t { Contact, Event, Lut };

struct Node {
  Op op = Op::Const;
  ValueType type = ValueType::Bool;
  bool nullable = false;
  Scope scope = Scope::Contact;
  std::vector<NodeId> operands;
  std::int32_t index = -1;           // field / property / slot / aggregate / rank
  std::int32_t eventType = -1;       // EventField
  Constant constant;                 // Const, PointsIf
  Function function = Function::Abs; // Call
  NodeId body = kNoNode;             // StringLut
  std::int32_t elseIndex = -1;       // Partition
};

enum class AggregateFn : std::uint8_t {
  Count,  // int, never null
  Exists, // bool, never null
  Sum,    // type of the property, 0 when empty, never null; nulls skipped; floats are
          // added in event order (by time), so every engine gets the same bits
  Avg,    // float, null when no non-null value
  Min,    // property type, null when none; strings compare by text (bytewise)
  Max,
  First,    // property of the earliest matching event (ties: the first in load order)
  Last,     // property of the latest matching event (ties: the last in load order)
  Distinct, // int: distinct non-null values of the property
  Days,     // int: distinct UTC calendar days (floor(at / 86400 s)) with a matching event
  Decayed,  // float: Σ over matching events of 0.5 ^ (max(0, now − at) / halfLife)
            // (halfLife absent: the count as a float) — score `per` rules
  Sequence, // bool: some matching event of `eventType` (e1) and a later matching event of
            // `thenEventType` (e2, a different event) with e1.at ≤ e2.at ≤ e1.at + gap
            // (no gap: any time later)
};

// An aggregate over one contact's events of `eventType`, those in the window and
// satisfying `filter` (an Event-scope bool node; null counts as false).
struct Aggregate {
  AggregateFn fn = AggregateFn::Count;
  std::int32_t eventType = -1;
  std::int32_t property = -1; // Sum..Distinct, First, Last: the property index (0 = at)
  NodeId filter = kNoNode;
  // `within`: now − window < at ≤ now. Absent: every event.
  std::optional<std::int64_t> windowMicros;
  std::optional<std::int64_t> halfLifeMicros; // Decayed
  // Sequence
  std::int32_t thenEventType = -1;
  NodeId thenFilter = kNoNode;
  std::optional<std::int64_t> gapMicros;
  ValueType type = ValueType::Int; // the result's type
  bool nullable = false;
};

// K-means over per-contact features (a `cluster` definition, docs/execution.md): the
// features standardized over the contacts with none null, k-means++ seeding from `seed`,
// Lloyd iterations; clusters numbered by size, largest first.
struct Clustering {
  std::string name; // the cluster definition
  std::uint64_t seed = 1;
  std::vector<std::int32_t> featureSlots; // ClusterInput slots (Float)
  std::vector<std::string> featureNames;
};

// ntile(k, x) = min(k, 1 + floor(k × L ÷ N)) over all contacts: N contacts with non-null
// x, L of them with x strictly smaller; null where x is null. Result Int.
// With `cluster`, the rank is instead the contact's cluster (0 … buckets − 1, buckets = k),
// null where a feature is null.
struct Rank {
  std::int64_t buckets = 1;
  std::int32_t inputSlot = -1; // a RankInput slot (numbers, timestamps or durations)
  std::int32_t stage = 0;      // the stage in which the rank is available
  std::optional<Clustering> cluster;
};

// The slots a rank reads: its input, or a clustering's features.
std::vector<std::int32_t> rankInputs(const Rank& rank);

enum class SlotKind : std::uint8_t {
  Segment,      // Bool: the condition; a member when true
  Score,        // Float, never null
  Partition,    // Enum: the branch index, or null
  RankInput,    // the x of an ntile
  MetricInput,  // a per-contact value a metric aggregates (or its `for` condition)
  ClusterInput, // a feature of a cluster (Float)
};

// Segment slots are never null (membership: the condition coalesced to false), nor are
// score slots; partition slots are null for contacts in no branch.
struct Slot {
  std::string name; // the definition's name, or a generated one ("ntile#0", "metric:x#1")
  SlotKind kind = SlotKind::Segment;
  NodeId expr = kNoNode;
  ValueType type = ValueType::Bool;
  bool nullable = false;
  std::int32_t stage = 0;
  bool definition = false; // a segment, score or partition of the program (not generated)
  // Partitions: the branch names, in declaration order (the slot's enum values). Plain data,
  // so a plan does not point into the AST and can outlive its compilation.
  std::vector<std::string> branches;
};

// Population aggregates of metrics, over the contacts of the metric's population; sums
// add in contact (row) order.
struct PopulationAggregate {
  Function function = Function::PopCount; // PopCount, Percent, PopSum, PopAvg, PopMin,
                                          // PopMax, Median, Quantile, Ratio
  std::int32_t inputSlot = -1;            // -1: count()
  std::int32_t secondSlot = -1;           // Ratio's denominator
  double quantile = 0.5;                  // Quantile (Median: 0.5); linear interpolation (type 7)
  ValueType type = ValueType::Int;
  bool nullable = false;
};

// A metric's value: arithmetic over population aggregates, per group.
enum class MetricOp : std::uint8_t { Const, Aggregate, Neg, Add, Sub, Mul, Div, Mod, ToFloat };
struct MetricNode {
  MetricOp op = MetricOp::Const;
  ValueType type = ValueType::Float;
  bool nullable = false;
  Constant constant;
  std::int32_t aggregate = -1;
  std::vector<std::uint32_t> operands; // into Metric::nodes
};

struct GroupKey {
  std::string name;
  std::int32_t contactField = -1; // a contact field...
  std::int32_t slot = -1;         // ...or a partition's slot
  ValueType type = ValueType::Enum;
};

struct Metric {
  std::string name;
  std::vector<PopulationAggregate> aggregates;
  std::vector<MetricNode> nodes;
  std::uint32_t root = 0;
  std::int32_t forSlot = -1; // Bool slot restricting the population, or -1
  std::vector<GroupKey> groupBy;
};

struct Plan {
  std::vector<Node> nodes;
  std::vector<Aggregate> aggregates;
  std::vector<Rank> ranks;
  std::vector<Slot> slots; // evaluation order within a stage is index order
  std::vector<Metric> metrics;
  std::int32_t stageCount = 1;
  // Hash of the canonical text of the plan (see PlanPrinter): the JIT's code cache key.
  std::uint64_t fingerprint = 0;
};

// The aggregates on events of `eventType` that the slots of `stage` read (directly or
// through other nodes): one pass over a contact's events of that type serves them all.
// A filter reads only slots of earlier stages.
std::vector<std::int32_t> aggregatesOf(const Plan& plan, std::int32_t stage,
                                       std::int32_t eventType);
// The slots of `stage`, in evaluation order.
std::vector<std::int32_t> slotsOf(const Plan& plan, std::int32_t stage);

} // namespace seg::plan
