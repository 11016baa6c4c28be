// Owns the text of every file a compilation reads, so diagnostics can quote any line.
#pragma once

#include "source/SourceRange.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

class SourceFile {
public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  // The path as the user wrote it (or "<stdin>"), used in diagnostics.
  const std::string& path() const { return path_; }
  void setPath(std::string path) { path_ = std::move(path); }
  const std::string& text() const { return text_; }
  std::uint32_t lineCount() const { return static_cast<std::uint32_t>(lineStarts_.size()); }
  // Line `line` (1-based) without its line terminator; empty when out of range.
  std::string_view lineText(std::uint32_t line) const;

private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<std::size_t> lineStarts_;
};

class SourceManager {
public:
  // Adds a file whose text is already in memory (stdin, tests).
  FileId addFile(std::string path, std::string text);
  // Reads a file from disk; nullopt and `error` set when it cannot be read.
  std::optional<FileId> loadFile(const std::string& path, std::string& error);

  const SourceFile& file(FileId id) const { return *files_.at(id); }
  // Renames a file for messages (e.g. an import shown relative to the working directory).
  void setDisplayPath(FileId id, std::string path) { files_.at(id)->setPath(std::move(path)); }
  std::size_t fileCount() const { return files_.size(); }

private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

} // namespace seg
