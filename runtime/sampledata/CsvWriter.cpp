// CsvWriter: the buffer bookkeeping and error capture; formatting is in the cell writers.
#include "CsvWriter.h"

#include "base/CivilTime.h"

#include <cerrno>
#include <charconv>
#include <cstring>

namespace seg::runtime {

CsvWriter::CsvWriter(std::string path, std::size_t bufferBytes)
    : path_(std::move(path)), buffer_(bufferBytes < 4096 ? 4096 : bufferBytes) {
  file_.reset(std::fopen(path_.c_str(), "wb"));
  if (!file_) fail("cannot create " + path_ + ": " + std::strerror(errno));
}

void CsvWriter::fail(std::string message) {
  if (!error_) error_ = std::move(message);
}

void CsvWriter::flush() {
  if (used_ == 0) return;
  if (file_ && !error_ && std::fwrite(buffer_.data(), 1, used_, file_.get()) != used_)
    fail("cannot write " + path_ + ": " + std::strerror(errno));
  written_ += used_;
  used_ = 0;
}

char* CsvWriter::cell(std::size_t maxChars) {
  if (used_ + maxChars + 2 > buffer_.size()) flush();
  if (maxChars + 2 > buffer_.size()) buffer_.resize(maxChars + 2); // one oversized cell
  char* out = buffer_.data() + used_;
  if (!rowStart_) *out++ = ',';
  rowStart_ = false;
  return out;
}

void CsvWriter::text(std::string_view value) {
  char* out = cell(value.size());
  if (!value.empty()) std::memcpy(out, value.data(), value.size());
  used_ = static_cast<std::size_t>(out + value.size() - buffer_.data());
}

void CsvWriter::integer(std::int64_t value) {
  char* out = cell(20);
  used_ = static_cast<std::size_t>(std::to_chars(out, out + 20, value).ptr - buffer_.data());
}

void CsvWriter::money(std::int64_t cents) {
  char* out = cell(24);
  if (cents < 0) {
    *out++ = '-';
    cents = -cents;
  }
  out = std::to_chars(out, out + 20, cents / 100).ptr;
  *out++ = '.';
  *out++ = static_cast<char>('0' + cents % 100 / 10);
  *out++ = static_cast<char>('0' + cents % 10);
  used_ = static_cast<std::size_t>(out - buffer_.data());
}

void CsvWriter::timestamp(std::int64_t unixSeconds) {
  char* out = cell(base::kTimestampChars);
  used_ = static_cast<std::size_t>(base::formatTimestamp(out, unixSeconds) - buffer_.data());
}

void CsvWriter::boolean(bool value) {
  text(value ? "true" : "false");
}

void CsvWriter::null() {
  text({});
}

void CsvWriter::endRow() {
  if (used_ + 1 > buffer_.size()) flush();
  buffer_[used_++] = '\n';
  rowStart_ = true;
}

CsvWriter::~CsvWriter() {
  if (file_) close(); // an abandoned writer still leaves a complete file behind
}

std::optional<std::string> CsvWriter::close() {
  flush();
  if (file_) {
    std::FILE* file = file_.release();
    if (std::fclose(file) != 0) fail("cannot write " + path_ + ": " + std::strerror(errno));
  }
  return error_;
}

} // namespace seg::runtime
