// Lowers a checked program to its plan: definitions become slots in dependency order,
// expressions become shared typed nodes, single-column string expressions become lookup
// tables, ntile inputs and metric inputs become slots, and stages are assigned.
#pragma once

#include "plan/Plan.h"
#include "sema/CheckedProgram.h"

namespace seg::plan {

struct LoweringOptions {
  // Rewrite string expressions into lookups, rank comparisons and distributed coalesces
  // (StringLuts.h). Off, string nodes stay plain text operations that only the reference
  // interpreter evaluates: the oracle the rewrites are tested against.
  bool stringLookups = true;

  bool operator==(const LoweringOptions&) const = default;
};

// The program must have checked without errors.
Plan lowerProgram(const CheckedProgram& program, const LoweringOptions& options = {});

ValueType valueTypeOf(const Type& type);

} // namespace seg::plan
