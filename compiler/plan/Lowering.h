// Lowers a checked program to its plan: definitions become slots in dependency order,
// expressions become shared typed nodes, single-column string expressions become lookup
// tables, ntile inputs and metric inputs become slots, and stages are assigned.
#pragma once

#include "plan/Plan.h"
#include "sema/Program.h"

namespace seg::plan {

// The program must have checked without errors.
Plan lowerProgram(const Program& program);

ValueType valueTypeOf(const Type& type);

} // namespace seg::plan
