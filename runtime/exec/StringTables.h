// String lookup tables: each StringLut's body evaluated once per entry of its column's
// dictionary (and once for a null input), so engines see per-code values, never text.
#pragma once

#include "BoundPlan.h"

namespace seg::exec {

class ThreadPool;

// Fills bound.collation (the texts StringRank nodes order), then bound.strings and
// bound.stringTableOf for every StringLut node of bound.plan; with a pool, large tables
// are filled by all its threads.
void buildStringTables(BoundPlan& bound, ThreadPool* pool = nullptr);

} // namespace seg::exec
