// String lookup tables: each StringLut's body evaluated once per entry of its column's
// dictionary (and once for a null input), so engines see per-code values, never text.
#pragma once

#include "BoundPlan.h"

namespace seg::exec {

// Fills bound.collation (the texts StringRank nodes order), then bound.strings and
// bound.stringTableOf for every StringLut node of bound.plan.
void buildStringTables(BoundPlan& bound);

} // namespace seg::exec
