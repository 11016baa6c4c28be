// Bit-for-bit comparison of two runs of one plan: every slot and rank column (validity,
// and the value bytes where valid, so floats compare by bit pattern) and every metric row.
#pragma once

#include "exec/Executor.h"

#include <optional>
#include <string>

namespace seg::fuzz {

struct Difference {
  std::string what;    // "slot s12", "rank 0", "metric m3"
  std::size_t row = 0; // contact row (slots, ranks) or metric row
  std::string left;    // rendered values
  std::string right;
};

// The first difference between `left` and `right`, or nothing when they agree.
std::optional<Difference> firstDifference(const plan::Plan& plan, const exec::RunResult& left,
                                          const exec::RunResult& right);
// One value of a column, as text ("null", "42", "1.5 [0x3ff8000000000000]", ...).
std::string renderValue(const exec::ContactColumn& column, std::size_t row);

} // namespace seg::fuzz
