// Folds over a list of non-null values of one type, for the event aggregates (over a
// contact's events); `asDouble` also serves the metrics' arithmetic.
#pragma once

#include "Value.h"
#include "plan/Plan.h"

#include <vector>

namespace seg::exec {

// A number of `type` as a double (ints, timestamps and bools converted exactly or rounded).
double asDouble(plan::ValueType type, const Value& v);

// The sum in the values' own type: floats added in order, integers wrapping.
Value sumOf(plan::ValueType type, const std::vector<Value>& values);
// The arithmetic mean as a Float, summed in order as doubles; null when there are none.
Value meanOf(plan::ValueType type, const std::vector<Value>& values);
// The least / greatest value by the type's order, the first of equals; null when none.
Value minOf(plan::ValueType type, const std::vector<Value>& values);
Value maxOf(plan::ValueType type, const std::vector<Value>& values);

} // namespace seg::exec
