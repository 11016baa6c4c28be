// Sum, mean, min and max of present values, by the interpreter's scalar semantics.
#include "ValueFolds.h"

#include "Scalars.h"

namespace seg::exec {

using plan::ValueType;

namespace {

// Replaces the best so far only when strictly before it, so the first of equals wins.
template <class Before> Value best(const std::vector<Value>& values, Before before) {
  if (values.empty()) return Value::null();
  Value out = values.front();
  for (const Value& v : values)
    if (before(v, out)) out = v;
  return out;
}

} // namespace

double asDouble(ValueType type, const Value& v) {
  return type == ValueType::Float ? v.f : static_cast<double>(v.i);
}

Value sumOf(ValueType type, const std::vector<Value>& values) {
  if (type == ValueType::Float) {
    double sum = 0;
    for (const Value& v : values)
      sum += v.f;
    return Value::real(sum);
  }
  std::int64_t sum = 0;
  for (const Value& v : values)
    sum = wrapAdd(sum, v.i);
  return Value::integer(sum);
}

Value meanOf(ValueType type, const std::vector<Value>& values) {
  if (values.empty()) return Value::null();
  double sum = 0;
  for (const Value& v : values)
    sum += asDouble(type, v);
  return Value::real(sum / static_cast<double>(values.size()));
}

Value minOf(ValueType type, const std::vector<Value>& values) {
  return best(values, [&](const Value& v, const Value& sofar) { return less(type, v, sofar); });
}

Value maxOf(ValueType type, const std::vector<Value>& values) {
  return best(values, [&](const Value& v, const Value& sofar) { return less(type, sofar, v); });
}

} // namespace seg::exec
