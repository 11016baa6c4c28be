// Opens a snapshot by mapping it: the returned Store's columns point into the mapping, so
// opening costs O(sections), not O(data). Every way a file can be wrong is a clear error.
#pragma once

#include "store/Store.h"

#include <optional>
#include <string>

namespace seg::runtime {

// Either the store or why the snapshot cannot be used (an error users can cause).
struct SnapshotResult {
  std::optional<Store> store;
  std::string error;
};

// Always checks the header, the meta block's checksum and every section's bounds and size.
// `expected`, when given, must equal the snapshot's schema. `verifyData` also checks every
// section's checksum and the store's invariants (offsets, codes): a full read of the file,
// for `seg import --verify` and tests, not for every run.
SnapshotResult openSnapshot(const std::string& path, const StoreSchema* expected, bool verifyData);

} // namespace seg::runtime
