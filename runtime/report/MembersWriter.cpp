#include "report/MembersWriter.h"

#include "report/ContactValues.h"
#include "report/PiiMask.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <unistd.h>

namespace seg::report {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

} // namespace

void appendCsvField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::optional<std::string> writeMemberFile(const runtime::Store& store,
                                           const MemberFileOptions& options,
                                           const std::string& fileName,
                                           std::span<const std::uint64_t> members) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(options.dir) / fileName;
  fs::path temporary = fs::path(options.dir) / fmt::format(".{}.{}.tmp", fileName, getpid());
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(temporary.c_str(), "wb"));
  if (!file) return fmt::format("cannot write {}: {}", temporary.string(), std::strerror(errno));

  const auto& specs = store.schema.contactFields;
  std::string buffer;
  for (std::size_t i = 0; i < options.fields.size(); ++i) {
    if (i > 0) buffer += ',';
    appendCsvField(buffer, specs[options.fields[i]].name);
  }
  buffer += '\n';
  bool failed = false;
  auto flush = [&] {
    if (!buffer.empty() &&
        std::fwrite(buffer.data(), 1, buffer.size(), file.get()) != buffer.size())
      failed = true;
    buffer.clear();
  };
  const std::size_t rows = store.contacts.rows;
  for (std::size_t word = 0; word < members.size() && !failed; ++word) {
    for (std::uint64_t bits = members[word]; bits != 0; bits &= bits - 1) {
      std::size_t row = word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
      if (row >= rows) break;
      for (std::size_t i = 0; i < options.fields.size(); ++i) {
        if (i > 0) buffer += ',';
        std::size_t field = options.fields[i];
        std::optional<std::string> text = contactValueText(store, field, row);
        if (!text) continue; // null: an empty field
        if (specs[field].isPii && !options.allowPii)
          appendCsvField(buffer, maskPii(*text, specs[field].kind));
        else
          appendCsvField(buffer, *text);
      }
      buffer += '\n';
      if (buffer.size() >= kFlushBytes) flush();
    }
  }
  flush();
  int closeResult = std::fclose(file.release());
  std::error_code ec;
  if (failed || closeResult != 0) {
    std::string reason = std::strerror(errno);
    fs::remove(temporary, ec);
    return fmt::format("cannot write {}: {}", target.string(), reason);
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    std::string reason = ec.message();
    fs::remove(temporary, ec);
    return fmt::format("cannot write {}: {}", target.string(), reason);
  }
  return std::nullopt;
}

std::optional<std::string> writeEachMemberFile(const RunReport& report,
                                               const MemberFileWriter& writeOne,
                                               std::size_t& written) {
  for (const SegmentReport& s : report.segments) {
    if (auto error = writeOne(s.name, s.bits)) return error;
    ++written;
  }
  for (const PartitionReport& p : report.partitions)
    for (const BranchReport& b : p.branches) {
      if (auto error = writeOne(p.name + "." + b.name, b.bits)) return error;
      ++written;
    }
  return std::nullopt;
}

} // namespace seg::report
