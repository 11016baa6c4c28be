// `seg run --members DIR`: one CSV file per segment or partition branch holding the key
// (and chosen fields) of each member, personal data masked unless allowed.
#pragma once

#include "store/Store.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace seg::report {

struct MemberFileOptions {
  std::string dir;
  std::vector<std::size_t> fields; // contact field indices, the key first
  bool allowPii = false;
};

// Writes DIR/<fileName> atomically (a temporary file renamed into place), so a reader never
// sees half a file; `members` is a bitmap over contact rows. Returns the error, if any.
std::optional<std::string> writeMemberFile(const runtime::Store& store,
                                           const MemberFileOptions& options,
                                           const std::string& fileName,
                                           std::span<const std::uint64_t> members);

// RFC 4180: quoted when the text holds a comma, a quote or a line break.
void appendCsvField(std::string& out, std::string_view text);

} // namespace seg::report
