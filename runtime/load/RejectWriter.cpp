#include "RejectWriter.h"

#include "RowSource.h"
#include "snapshot/MappedFile.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>

namespace seg::runtime {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The header line of a CSV input, so the reject file loads like the original.
std::string headerOf(const std::string& path) {
  MappedFileResult mapped = MappedFile::open(path);
  if (!mapped.file) return {};
  std::string_view text(reinterpret_cast<const char*>(mapped.file->data()), mapped.file->size());
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t end = text.find('\n');
  std::string_view header = text.substr(0, end);
  if (header.ends_with('\r')) header.remove_suffix(1);
  return std::string(header);
}

} // namespace

std::optional<std::string> writeRejects(const LoadReport& report, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fmt::format("cannot create '{}': {}", dir, ec.message());
  std::map<std::string, std::vector<const RejectedRow*>> byFile;
  for (const RejectedRow& row : report.rejects())
    byFile[row.file].push_back(&row);
  for (auto& [path, rows] : byFile) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const RejectedRow* a, const RejectedRow* b) { return a->line < b->line; });
    fs::path target = fs::path(dir) / fs::path(path).filename();
    File data(std::fopen(target.c_str(), "wb"));
    File errors(std::fopen((target.string() + ".errors").c_str(), "wb"));
    if (!data || !errors) return fmt::format("cannot write reject files in '{}'", dir);
    if (formatOfPath(path) == InputFormat::Csv) {
      std::string header = headerOf(path);
      std::fputs((header + "\n").c_str(), data.get());
    }
    for (const RejectedRow* row : rows) {
      std::fwrite(row->raw.data(), 1, row->raw.size(), data.get());
      std::fputc('\n', data.get());
      std::string line = fmt::format("{}:{}: {}\n", path, row->line, row->message);
      std::fputs(line.c_str(), errors.get());
    }
    if (std::ferror(data.get()) || std::ferror(errors.get()))
      return fmt::format("cannot write reject files in '{}'", dir);
  }
  return std::nullopt;
}

} // namespace seg::runtime
