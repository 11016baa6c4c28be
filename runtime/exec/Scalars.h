// The scalar semantics every engine shares: wrapping integer arithmetic, division and
// modulo by zero as null, comparisons by type (strings by text), the built-in functions
// (calendar in UTC, ASCII case mapping, code-point length). Pure functions of values.
#pragma once

#include "Value.h"
#include "base/CivilTime.h"
#include "plan/Plan.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace seg::exec {

using base::floorDiv;
using base::kMicrosPerDay;
using base::kMicrosPerHour;

// Two's-complement wrap-around, computed in uint64 so overflow is never undefined.
// A decayed event's weight, 0.5 ^ (max(0, now − at) / halfLife), as 2 ^ −(age / halfLife):
// exp2 is several times faster than pow and both engines call this one function, so
// they agree to the bit.
double decayWeight(std::int64_t now, std::int64_t at, std::int64_t halfLife);
std::int64_t wrapAdd(std::int64_t a, std::int64_t b);
std::int64_t wrapSub(std::int64_t a, std::int64_t b);
std::int64_t wrapMul(std::int64_t a, std::int64_t b);
std::int64_t wrapNeg(std::int64_t a);

// a − b·floor(a / b), for b > 0.
std::int64_t floorMod(std::int64_t a, std::int64_t b);
// floor((to − from) / unit) for unit > 0, exact even where to − from overflows int64.
std::int64_t wholeUnitsBetween(std::int64_t from, std::int64_t to, std::int64_t unit);

// Arithmetic on two non-null operands of `operandType` (the result of timestamp − timestamp
// is a duration, still an int64). Add, Sub, Mul; Div and Mod may yield null.
Value arithmetic(plan::Op op, plan::ValueType operandType, const Value& a, const Value& b);
// Eq, Ne, Lt, Le, Gt, Ge of two non-null operands of one type.
bool compare(plan::Op op, plan::ValueType type, const Value& a, const Value& b);
// Equality by type (floats by ==, strings by text).
bool equal(plan::ValueType type, const Value& a, const Value& b);
// Strict order by type, for min/max: floats by <, strings bytewise.
bool less(plan::ValueType type, const Value& a, const Value& b);

// A scalar built-in (Call node) on its operands, none null; `argTypes` parallel to `args`.
Value callFunction(plan::Function function, std::span<const Value> args,
                   std::span<const plan::ValueType> argTypes, std::int64_t now);

// round(x) as an int: half away from zero; null when x is NaN or out of int64's range.
Value roundToInt(double x);
// round(x, digits): x rounded to `digits` decimal places (negative: tens, hundreds, …).
double roundToDigits(double x, std::int64_t digits);

// Strings: ASCII-only case mapping, code points, bytewise search.
std::string asciiLower(std::string_view text);
std::string asciiUpper(std::string_view text);
std::int64_t codePoints(std::string_view text);

} // namespace seg::exec
