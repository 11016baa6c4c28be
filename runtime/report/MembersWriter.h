// `seg run --members DIR`: one CSV file per segment or partition branch holding the key
// (and chosen fields) of each member, personal data masked unless allowed.
#pragma once

#include "report/RunReport.h"
#include "store/Store.h"

#include <cstdint>
#include <functional>
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

// Calls `writeOne` for each reported segment, then each partition branch (named
// "partition.branch"), stopping at the first error, which it returns; `written` counts the
// files written. Every engine's `--members` goes through it, so they write the same files.
using MemberFileWriter =
    std::function<std::optional<std::string>(const std::string& name, const Bitmap& members)>;
std::optional<std::string> writeEachMemberFile(const RunReport& report,
                                               const MemberFileWriter& writeOne,
                                               std::size_t& written);

// RFC 4180: quoted when the text holds a comma, a quote or a line break.
void appendCsvField(std::string& out, std::string_view text);

} // namespace seg::report
