// The plan as text, for `seg explain --plan` and as the canonical form behind the plan's
// fingerprint (the JIT's code cache key).
#pragma once

#include "plan/Plan.h"
#include "plan/StoreSchema.h"

#include <string>

namespace seg::plan {

// With a schema, fields and events are printed by name; without, by index.
std::string printPlan(const Plan& plan, const StoreSchema* schema = nullptr);
std::string_view opName(Op op);
std::string_view aggregateFnName(AggregateFn fn);

} // namespace seg::plan
