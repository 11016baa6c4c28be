// What ClickHouse 18.16 (Debian 12's) needs written differently from PostgreSQL: literals
// typed as Seg's (its bare literals are the smallest unsigned type), Kleene AND/OR (its own
// are not three-valued with Nullable), round() halves away from zero, no windows.
#pragma once

#include "plan/Plan.h"

#include <cstdint>
#include <string>

namespace seg::sql::clickhouse {

// An Int64 literal ("toInt64(5)"), a Float64 one ("138.99", "nan", subnormals as exact
// products: the server's parser reads them as 0).
std::string intLiteral(std::int64_t value);
std::string floatLiteral(double value);
// A typed NULL of a plan type ("CAST(NULL AS Nullable(Int64))").
std::string nullOf(plan::ValueType type);
// Kleene `a AND b` / `a OR b` of two Nullable(UInt8) truth values, each operand written once:
// false, null and true are coded 0, 1, 2, AND is the least code, OR the greatest.
std::string kleene(bool conjunction, const std::string& a, const std::string& b);
// a % b with Seg's results: null for a zero or null b, 0 for b = −1 (the server raises an
// error for both, even on rows whose value is then discarded).
std::string modulo(const std::string& a, const std::string& b);
// round(x) of a Float64: halves away from zero, null for NaN and outside the Int64 range.
std::string roundHalfAway(const std::string& x);
// year(), month(), day_of_week(), hour() of Int64 µs, in integer arithmetic over every
// year (DateTime covers 1970 to 2105 only): days from the civil calendar algorithm.
std::string calendarPart(plan::Function function, const std::string& micros);

} // namespace seg::sql::clickhouse
