// The runtime's schema: the plan's plain description of contacts and events (plan/
// StoreSchema.h) under the names the store, loaders and snapshots use.
#pragma once

#include "plan/StoreSchema.h"

namespace seg::runtime {

using plan::ColumnSpec;
using plan::EventSpec;
using plan::StoreSchema;
using plan::ValueKind;
using plan::valueKindName;

} // namespace seg::runtime
