// The invariants kernels rely on to stay inside a store's memory, checked over all data: used
// when a snapshot is verified, since a checksum only proves the bytes are the writer's.
#pragma once

#include "store/Store.h"

#include <optional>
#include <string>

namespace seg::runtime {

// Nullopt, or the first violation: CSR offsets that decrease or skip rows, events out of `at`
// order within a contact, dictionary offsets that decrease, string or enum codes out of range.
std::optional<std::string> checkStoreInvariants(const Store& store);

} // namespace seg::runtime
