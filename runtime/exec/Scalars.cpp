// Scalar semantics shared by the interpreter, the string tables and the metrics.
#include "Scalars.h"

#include <cmath>
#include <limits>

namespace seg::exec {

using plan::Op;
using plan::ValueType;

double decayWeight(std::int64_t now, std::int64_t at, std::int64_t halfLife) {
  double age = 0;
  if (at < now) {
    std::int64_t diff = 0;
    age = __builtin_sub_overflow(now, at, &diff)
              ? static_cast<double>(now) - static_cast<double>(at)
              : static_cast<double>(diff);
  }
  return std::exp2(-(age / static_cast<double>(halfLife)));
}

std::int64_t wrapAdd(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrapSub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
std::int64_t wrapMul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}
std::int64_t wrapNeg(std::int64_t a) {
  return static_cast<std::int64_t>(std::uint64_t{0} - static_cast<std::uint64_t>(a));
}

std::int64_t floorMod(std::int64_t a, std::int64_t b) {
  std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

std::int64_t wholeUnitsBetween(std::int64_t from, std::int64_t to, std::int64_t unit) {
  // floor((to − from)/u) = floor(to/u) − floor(from/u) + floor((to mod u − from mod u)/u),
  // and the last term is −1 or 0: no intermediate value leaves int64.
  std::int64_t q = floorDiv(to, unit) - floorDiv(from, unit);
  return floorMod(to, unit) < floorMod(from, unit) ? q - 1 : q;
}

Value arithmetic(Op op, ValueType operandType, const Value& a, const Value& b) {
  if (operandType == ValueType::Float) {
    switch (op) {
    case Op::Add:
      return Value::real(a.f + b.f);
    case Op::Sub:
      return Value::real(a.f - b.f);
    case Op::Mul:
      return Value::real(a.f * b.f);
    case Op::Div:
      return b.f == 0 ? Value::null() : Value::real(a.f / b.f);
    case Op::Mod:
      return b.f == 0 ? Value::null() : Value::real(std::fmod(a.f, b.f));
    default:
      return Value::null();
    }
  }
  switch (op) {
  case Op::Add:
    return Value::integer(wrapAdd(a.i, b.i));
  case Op::Sub:
    return Value::integer(wrapSub(a.i, b.i));
  case Op::Mul:
    return Value::integer(wrapMul(a.i, b.i));
  case Op::Div: // the lowering converts to float first; kept total for any plan
    return b.i == 0 ? Value::null()
                    : Value::real(static_cast<double>(a.i) / static_cast<double>(b.i));
  case Op::Mod:
    if (b.i == 0) return Value::null();
    if (b.i == -1) return Value::integer(0); // INT64_MIN % -1 overflows in C++
    return Value::integer(a.i % b.i);
  default:
    return Value::null();
  }
}

bool equal(ValueType type, const Value& a, const Value& b) {
  switch (type) {
  case ValueType::Float:
    return a.f == b.f;
  case ValueType::String:
    return a.s == b.s;
  default:
    return a.i == b.i;
  }
}

bool less(ValueType type, const Value& a, const Value& b) {
  switch (type) {
  case ValueType::Float:
    return a.f < b.f;
  case ValueType::String:
    return a.s < b.s; // char_traits<char> compares as unsigned char: bytewise UTF-8
  default:
    return a.i < b.i;
  }
}

bool compare(Op op, ValueType type, const Value& a, const Value& b) {
  switch (op) {
  case Op::Eq:
    return equal(type, a, b);
  case Op::Ne:
    return !equal(type, a, b);
  case Op::Lt:
    return less(type, a, b);
  case Op::Gt:
    return less(type, b, a);
  case Op::Le: // spelled out so that NaN compares false, as IEEE says
    return type == ValueType::Float ? a.f <= b.f : !less(type, b, a);
  case Op::Ge:
    return type == ValueType::Float ? a.f >= b.f : !less(type, a, b);
  default:
    return false;
  }
}

Value roundToInt(double x) {
  if (std::isnan(x)) return Value::null();
  double r = std::round(x); // half away from zero
  // [-2^63, 2^63) is exactly the doubles that convert to int64 without overflow.
  if (r < -9223372036854775808.0 || r >= 9223372036854775808.0) return Value::null();
  return Value::integer(static_cast<std::int64_t>(r));
}

double roundToDigits(double x, std::int64_t digits) {
  if (!std::isfinite(x)) return x;
  if (digits >= 0) {
    if (digits > 400) return x;
    double scale = std::pow(10.0, static_cast<double>(digits));
    double scaled = x * scale;
    // Past 2^52 a double has no fractional digits left to round away.
    if (!std::isfinite(scaled) || std::fabs(scaled) >= 4503599627370496.0) return x;
    return std::round(scaled) / scale;
  }
  if (digits < -400) return std::copysign(0.0, x);
  double scale = std::pow(10.0, static_cast<double>(-digits));
  if (!std::isfinite(scale)) return std::copysign(0.0, x);
  return std::round(x / scale) * scale;
}

std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string asciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::int64_t codePoints(std::string_view text) {
  std::int64_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n; // not a continuation byte
  return n;
}

Value callFunction(plan::Function function, std::span<const Value> args,
                   std::span<const ValueType> argTypes, std::int64_t now) {
  if (args.empty()) return Value::null();
  const Value& x = args[0];
  const bool isFloat = argTypes[0] == ValueType::Float;
  switch (function) {
  case plan::Function::DaysSince:
    return Value::integer(wholeUnitsBetween(x.i, now, kMicrosPerDay));
  case plan::Function::HoursSince:
    return Value::integer(wholeUnitsBetween(x.i, now, kMicrosPerHour));
  case plan::Function::Year:
    return Value::integer(base::civilFromDays(floorDiv(x.i, kMicrosPerDay)).year);
  case plan::Function::Month:
    return Value::integer(base::civilFromDays(floorDiv(x.i, kMicrosPerDay)).month);
  case plan::Function::DayOfWeek:
    return Value::integer(base::isoWeekday(floorDiv(x.i, kMicrosPerDay)));
  case plan::Function::Hour:
    return Value::integer(floorMod(x.i, kMicrosPerDay) / kMicrosPerHour);
  case plan::Function::Abs:
    if (isFloat) return Value::real(std::fabs(x.f));
    return Value::integer(x.i < 0 ? wrapNeg(x.i) : x.i); // abs(INT64_MIN) wraps to itself
  case plan::Function::Round:
    if (args.size() >= 2) {
      double v = isFloat ? x.f : static_cast<double>(x.i);
      return Value::real(roundToDigits(v, args[1].i));
    }
    return isFloat ? roundToInt(x.f) : Value::integer(x.i);
  default:
    return Value::null();
  }
}

} // namespace seg::exec
