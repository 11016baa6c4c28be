// round(x, digits) in SQL, to the bit as the engines compute it (exec::roundToDigits): the
// scale 10^|digits| is a literal the compiler computes with the engines' own pow, halves go
// away from zero, and the engines' guards (non-finite values, no fraction left past 2^52,
// scales beyond a double) are decided here or written as CASE branches.
#pragma once

#include "sql/SqlDialect.h"

#include <cstdint>
#include <string>

namespace seg::sql {

// `x`: a DOUBLE PRECISION (ClickHouse: Float64) expression; `digits`: the literal.
std::string roundToDigits(Dialect dialect, const std::string& x, std::int64_t digits);

} // namespace seg::sql
