// A buffered CSV file writer: cells are formatted straight into a large buffer (numbers
// with std::to_chars) and written with one fwrite per buffer, for gigabyte-sized outputs.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime {

class CsvWriter {
public:
  // Creates or truncates `path`; on failure the error is returned by close().
  explicit CsvWriter(std::string path, std::size_t bufferBytes = std::size_t{1} << 20);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();

  // Cells are separated by commas automatically. Text is written as is: callers only
  // pass values without commas, quotes or line breaks, so nothing needs quoting.
  void text(std::string_view value);
  void integer(std::int64_t value);
  // `cents` as a decimal with exactly two fractional digits: 1999 -> "19.99".
  void money(std::int64_t cents);
  void timestamp(std::int64_t unixSeconds);
  void boolean(bool value);
  void null();
  void endRow();

  // Flushes and closes; the first error met while writing, if any.
  std::optional<std::string> close();
  std::uint64_t bytesWritten() const { return written_ + used_; }
  // The first error so far (cannot create, disk full): callers stop early on it.
  const std::optional<std::string>& error() const { return error_; }

private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };

  char* cell(std::size_t maxChars); // room for a separator and maxChars, returns where to write
  void flush();
  void fail(std::string message);

  std::string path_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::uint64_t written_ = 0;
  bool rowStart_ = true;
  std::optional<std::string> error_;
};

} // namespace seg::runtime
