// Whether a segment can hold a contact that has no row in one event type's grouped
// subquery: the condition evaluated with that type's aggregates at their empty-set values
// (count 0, exists false, sum 0, min null …) and everything else unknown. When it cannot
// be true, the subquery is INNER JOINed, which lets the server start from the events.
#pragma once

#include "sql/SqlQueryContext.h"

namespace seg::sql {

// True when the condition `root` is false or null for every contact without events of
// `eventType` (so an inner join to that type's subquery keeps exactly the members).
bool falseWithoutEvents(const QueryContext& context, plan::NodeId root, std::int32_t eventType);

} // namespace seg::sql
