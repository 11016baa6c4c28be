// Writes a Store as a snapshot file (layout in SnapshotFormat.h), atomically: whatever
// happens, `path` holds either its old contents or the complete new snapshot.
#pragma once

#include "store/Store.h"

#include <optional>
#include <string>

namespace seg::runtime {

// Writes `path + ".tmp-<pid>"`, syncs it, renames it over `path` and syncs the directory.
// Returns nullopt on success, else a message for the user; on failure (a full disk, a
// read-only directory, ...) the temporary file is gone and `path` is untouched.
std::optional<std::string> writeSnapshot(const Store& store, const std::string& path);

} // namespace seg::runtime
