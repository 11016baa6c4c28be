#include "SnapshotWriter.h"

#include "Checksum.h"
#include "SnapshotFormat.h"
#include "SnapshotMeta.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <vector>

namespace seg::runtime {
namespace {

using namespace snapshot;

struct Piece {
  SectionRole role;
  std::uint32_t table;
  std::uint32_t column;
  const void* data;
  std::size_t length;
};

// The store must match its own schema, or the reader would refuse the file we write.
std::optional<std::string> checkColumns(std::string_view table, std::size_t rows,
                                        const std::vector<ColumnSpec>& specs,
                                        const std::vector<Column>& columns) {
  if (columns.size() != specs.size())
    return fmt::format("{} has {} columns, its schema {}", table, columns.size(), specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (columns[i].size() != rows || columns[i].kind() != specs[i].kind)
      return fmt::format("{} column '{}' has {} rows of {}, not {} rows of {}", table,
                         specs[i].name, columns[i].size(), valueKindName(columns[i].kind()), rows,
                         valueKindName(specs[i].kind));
  }
  return std::nullopt;
}

std::optional<std::string> checkShape(const Store& store) {
  const StoreSchema& schema = store.schema;
  if (auto problem = checkColumns("the contact table", store.contacts.rows, schema.contactFields,
                                  store.contacts.columns))
    return problem;
  if (store.events.size() != schema.events.size())
    return fmt::format("the store has {} event tables, its schema {}", store.events.size(),
                       schema.events.size());
  for (std::size_t e = 0; e < store.events.size(); ++e) {
    const EventTable& table = store.events[e];
    std::string name = fmt::format("event table '{}'", schema.events[e].name);
    if (auto problem = checkColumns(name, table.rows, schema.events[e].properties, table.columns))
      return problem;
    bool empty = table.offsets.empty() && table.rows == 0;
    if (!empty && (table.offsets.size() != store.contacts.rows + 1 ||
                   table.offsets.back() != table.rows || table.rows > UINT32_MAX))
      return fmt::format("{} has {} offsets ending at {} for {} contacts and {} rows", name,
                         table.offsets.size(), table.offsets.empty() ? 0 : table.offsets.back(),
                         store.contacts.rows, table.rows);
  }
  return std::nullopt;
}

void addColumns(std::vector<Piece>& out, std::uint32_t table, const std::vector<Column>& columns,
                const std::vector<Dictionary>& dictionaries) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    auto column = static_cast<std::uint32_t>(i);
    out.push_back(
        {SectionRole::Values, table, column, c.rawValues(), c.size() * physicalWidth(c.kind())});
    if (c.validity() != nullptr)
      out.push_back({SectionRole::Validity, table, column, c.validity(),
                     bitmapWords(c.size()) * sizeof(std::uint64_t)});
    if (c.kind() != ValueKind::String) continue;
    // A store may leave a string column's dictionary out when it has no entries.
    Dictionary none;
    const Dictionary& d = i < dictionaries.size() ? dictionaries[i] : none;
    out.push_back(
        {SectionRole::DictOffsets, table, column, d.offsets().data(), d.offsets().size_bytes()});
    out.push_back({SectionRole::DictBytes, table, column, d.bytes(),
                   d.offsets().empty() ? 0 : static_cast<std::size_t>(d.offsets().back())});
  }
}

std::vector<Piece> piecesOf(const Store& store) {
  std::vector<Piece> pieces;
  addColumns(pieces, kContactTable, store.contacts.columns, store.contacts.dictionaries);
  for (std::size_t e = 0; e < store.events.size(); ++e) {
    const EventTable& t = store.events[e];
    auto table = static_cast<std::uint32_t>(e + 1);
    pieces.push_back(
        {SectionRole::EventOffsets, table, 0, t.offsets.data(), t.offsets.size_bytes()});
    addColumns(pieces, table, t.columns, t.dictionaries);
  }
  return pieces;
}

// Returns 0 or the errno of the failure; retries interrupted and short writes.
int writeAll(int fd, const void* data, std::size_t size, std::optional<off_t> at = {}) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = at ? ::pwrite(fd, p, size, *at) : ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    p += n;
    size -= static_cast<std::size_t>(n);
    if (at) *at += n;
  }
  return 0;
}

// Batches small writes (padding, bitmaps of small tables) and passes large sections straight
// through. Keeps the first error, so the caller checks once at the end.
class OutputFile {
public:
  explicit OutputFile(int fd) : fd_(fd) { buffer_.reserve(kBufferSize); }

  std::uint64_t position() const { return position_; }
  int error() const { return error_; }

  void write(const void* data, std::size_t size) {
    if (size == 0 || error_ != 0) return;
    position_ += size;
    if (buffer_.size() + size > kBufferSize) flush();
    if (size >= kBufferSize) {
      if (error_ == 0) error_ = writeAll(fd_, data, size);
      return;
    }
    const auto* p = static_cast<const char*>(data);
    buffer_.insert(buffer_.end(), p, p + size);
  }

  void padToAlignment() {
    static constexpr char zeros[kAlignment] = {};
    write(zeros, alignUp(position_) - position_);
  }

  void flush() {
    if (error_ == 0 && !buffer_.empty()) error_ = writeAll(fd_, buffer_.data(), buffer_.size());
    buffer_.clear();
  }

private:
  static constexpr std::size_t kBufferSize = std::size_t{1} << 20;
  int fd_;
  std::uint64_t position_ = 0;
  int error_ = 0;
  std::vector<char> buffer_;
};

// The temporary file: removed unless renamed into place, so no failure leaves it behind.
class TempFile {
public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    closeFile();
    if (created_ && !renamed_) ::unlink(path_.c_str());
  }

  int create() {
    // A leftover of a crashed writer with our pid is ours to replace.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return errno;
    created_ = true;
    return 0;
  }
  int fd() const { return fd_; }
  int closeFile() {
    if (fd_ < 0) return 0;
    int result = ::close(fd_) == 0 ? 0 : errno;
    fd_ = -1;
    return result;
  }
  int renameTo(const std::string& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) return errno;
    renamed_ = true;
    return 0;
  }

private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false;
  bool renamed_ = false;
};

// Makes the rename durable: without it a power cut could bring back the old directory entry.
int syncDirectoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

} // namespace

std::optional<std::string> writeSnapshot(const Store& store, const std::string& path) {
  auto failed = [&](std::string_view what, int error) {
    return fmt::format("cannot write snapshot '{}': {}{}", path, what, std::strerror(error));
  };
  if (auto problem = checkShape(store))
    return fmt::format("cannot write snapshot '{}': {}", path, *problem);

  std::string tempPath = fmt::format("{}.tmp-{}", path, ::getpid());
  TempFile temp(tempPath);
  if (int error = temp.create())
    return failed(fmt::format("cannot create '{}': ", tempPath), error);

  OutputFile out(temp.fd());
  FileHeader header{};
  out.write(&header, sizeof header); // a placeholder until the meta block's place is known
  SnapshotMeta meta{store.schema, store.contacts.rows, {}, {}};
  for (const EventTable& table : store.events)
    meta.eventRows.push_back(table.rows);
  for (const Piece& piece : piecesOf(store)) {
    out.padToAlignment();
    meta.sections.push_back({out.position(), piece.length, xxh64(piece.data, piece.length),
                             piece.role, piece.table, piece.column});
    out.write(piece.data, piece.length);
  }
  out.padToAlignment();
  std::string encoded = encodeMeta(meta);
  header.metaOffset = out.position();
  out.write(encoded.data(), encoded.size());
  out.flush();
  if (out.error() != 0) return failed("", out.error());

  header.magic = kMagic;
  header.formatVersion = kFormatVersion;
  header.headerSize = sizeof header;
  header.metaSize = encoded.size();
  header.fileSize = header.metaOffset + header.metaSize;
  header.metaChecksum = xxh64(encoded.data(), encoded.size());
  header.schemaFingerprint = store.schema.fingerprint();
  header.contactRows = store.contacts.rows;
  header.headerChecksum = xxh64(&header, kHeaderChecked);
  if (int error = writeAll(temp.fd(), &header, sizeof header, off_t{0})) return failed("", error);
  if (::fsync(temp.fd()) != 0) return failed("", errno);
  if (int error = temp.closeFile()) return failed("", error);
  if (int error = temp.renameTo(path))
    return failed(fmt::format("cannot rename '{}' to it: ", tempPath), error);
  if (int error = syncDirectoryOf(path))
    return fmt::format("wrote snapshot '{}' but cannot sync its directory: {}", path,
                       std::strerror(error));
  return std::nullopt;
}

} // namespace seg::runtime
