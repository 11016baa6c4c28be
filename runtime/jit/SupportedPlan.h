// Decides up front whether the JIT can compile a plan, so an unsupported construct is a
// clear message before any code is generated, never a crash or a wrong answer.
//
// Supported (everything else is reported):
// - contact scope: every scalar op on Bool, Int, Float, Timestamp, Duration and Enum
//   values: Const, NullConst, Now, ContactField, Slot, Rank, Aggregate, Not, And, Or,
//   Neg, Add, Sub, Mul, Div, Mod, ToFloat, Eq, Ne, Lt, Le, Gt, Ge, IsNull, IsNotNull,
//   InList, Min2, Max2, Coalesce, Partition, PointsIf, and Call of every function whose
//   registry entry (plan/FunctionRegistry.cpp) names the JIT, for the form called;
// - StringLut over a String ContactField, EventField or string-valued Aggregate, or over
//   nothing (constants only): a body of comparisons (Eq, Ne, InList of the input against
//   string constants, combined with Not/And/Or/IsNull/...) becomes integer compares
//   against codes bound at run time; any other body (StringRank ones included) is read
//   from the bound string table;
// - event aggregates Count, Exists, Sum, Avg, Min, Max, First, Last, Distinct, Days,
//   Decayed and Sequence, with windows and Event-scope filters built from the ops above
//   plus EventField (and contact-scope values, evaluated once per contact); string-valued
//   First, Last, Min and Max (codes; Min/Max order them by a text-order table bound at
//   run time) when a StringLut reads them.
// Not supported yet: String-typed values outside a StringLut (e.g. a string-valued slot, or
// a coalesce of many string columns beyond what the lowering distributes); Str* built-ins
// outside StringLut bodies (e.g. contains(a, b) over two columns); an aggregate inside
// another's filter.
#pragma once

#include "plan/Plan.h"

#include <optional>
#include <string>

namespace seg::jit {

// Nothing when the JIT compiles every node the plan's slots need; otherwise why not, in a
// sentence that names the construct ("distinct(…) aggregates are not supported by the JIT").
std::optional<std::string> unsupportedReason(const plan::Plan& plan);

// True when a StringLut body is a boolean combination of comparisons of LutInput with
// string constants, so that codes bound at run time replace the table lookup.
bool isCodeComparison(const plan::Plan& plan, plan::NodeId body);

} // namespace seg::jit
