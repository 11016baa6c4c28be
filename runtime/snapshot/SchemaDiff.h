// Says, in one phrase, where a snapshot's schema first departs from the program's, so a stale
// snapshot is rejected with the field to look at rather than two fingerprints.
#pragma once

#include "store/StoreSchema.h"

#include <optional>
#include <string>

namespace seg::runtime {

// E.g. "contact field 'age' is int? in the snapshot, float in the program"; nullopt if equal.
std::optional<std::string> schemaDifference(const StoreSchema& snapshot,
                                            const StoreSchema& program);

} // namespace seg::runtime
