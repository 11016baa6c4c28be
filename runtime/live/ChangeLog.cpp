#include "ChangeLog.h"

#include "base/AtomicFile.h"
#include "snapshot/Checksum.h"
#include "snapshot/SnapshotFormat.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace seg::runtime::live {
namespace {

constexpr std::array<char, 8> kLogMagic = {'S', 'E', 'G', 'L', 'O', 'G', '\0', '\1'};
constexpr std::uint32_t kLogVersion = 1;
constexpr std::uint32_t kRecordMagic = 0x43455253; // "SREC"
constexpr std::size_t kHeaderSize = 64;
constexpr std::size_t kRecordHeaderSize = 32;

struct LogHeader {
  std::array<char, 8> magic;
  std::uint32_t version;
  std::uint32_t headerSize;
  std::uint64_t metaChecksum;
  std::uint64_t fileSize;
  std::uint64_t firstSequence;
  std::uint64_t reserved[2];
  std::uint64_t checksum;
};
static_assert(sizeof(LogHeader) == kHeaderSize);

struct RecordHeader {
  std::uint32_t magic;
  std::uint32_t flags;
  std::uint64_t sequence;
  std::uint64_t payloadSize;
  std::uint64_t checksum;
};
static_assert(sizeof(RecordHeader) == kRecordHeaderSize);

std::string encodeHeader(const SnapshotIdentity& identity, std::uint64_t firstSequence) {
  LogHeader header{};
  header.magic = kLogMagic;
  header.version = kLogVersion;
  header.headerSize = kHeaderSize;
  header.metaChecksum = identity.metaChecksum;
  header.fileSize = identity.fileSize;
  header.firstSequence = firstSequence;
  header.checksum = xxh64(&header, offsetof(LogHeader, checksum));
  return {reinterpret_cast<const char*>(&header), sizeof header};
}

std::string encodeRecord(std::uint64_t sequence, const std::string& payload) {
  RecordHeader header{kRecordMagic, 0, sequence, payload.size(), 0};
  header.checksum = xxh64(payload.data(), payload.size(), xxh64(&header, 24));
  std::string out(reinterpret_cast<const char*>(&header), sizeof header);
  out += payload;
  return out;
}

std::string nextLogPath(const std::string& snapshotPath) {
  return logPathOf(snapshotPath) + ".next";
}

bool readWholeFile(const std::string& path, std::string& out, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  out.clear();
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

// Parses a log file's bytes: the header must match `identity`; records are read until the
// end or a record that does not check out, which must be the last thing in the file.
std::variant<LogContents, std::string> parseLog(const std::string& path, const std::string& bytes,
                                                const SnapshotIdentity& identity) {
  LogContents contents;
  contents.fileBytes = bytes.size();
  if (bytes.size() < kHeaderSize)
    return fmt::format("{}: the change log's header is incomplete ({} bytes)", path, bytes.size());
  LogHeader header;
  std::memcpy(&header, bytes.data(), sizeof header);
  if (header.magic != kLogMagic) return fmt::format("{}: not a Seg change log", path);
  if (header.checksum != xxh64(&header, offsetof(LogHeader, checksum)))
    return fmt::format("{}: the change log's header is damaged (checksum mismatch)", path);
  if (header.version != kLogVersion)
    return fmt::format("{}: change log version {} (this seg reads version {})", path,
                       header.version, kLogVersion);
  if (header.metaChecksum != identity.metaChecksum || header.fileSize != identity.fileSize)
    return fmt::format("{}: the change log belongs to another snapshot than the one beside it "
                       "(was the snapshot replaced by hand?); move the log away to use the "
                       "snapshot alone",
                       path);
  contents.firstSequence = header.firstSequence;
  std::size_t at = kHeaderSize;
  while (at < bytes.size()) {
    const std::size_t left = bytes.size() - at;
    RecordHeader record{};
    bool whole = left >= kRecordHeaderSize;
    if (whole) std::memcpy(&record, bytes.data() + at, sizeof record);
    whole = whole && record.magic == kRecordMagic && record.payloadSize <= left - kRecordHeaderSize;
    const char* payload = bytes.data() + at + kRecordHeaderSize;
    const bool intact = whole &&
                        record.checksum == xxh64(payload, record.payloadSize, xxh64(&record, 24)) &&
                        record.sequence == contents.nextSequence();
    if (!intact) {
      // A crash leaves a prefix of the last record (or zeros where its blocks were not yet
      // written); anything else is damage, which must not pass for a crash.
      bool last = left < kRecordHeaderSize ||
                  (record.magic == kRecordMagic && record.payloadSize >= left - kRecordHeaderSize);
      if (!last && record.magic != kRecordMagic)
        last = std::all_of(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.end(),
                           [](char c) { return c == 0; });
      if (!last)
        return fmt::format("{}: the change log is damaged at byte {} (record {}); the snapshot "
                           "is intact, but the changes from there on cannot be trusted",
                           path, at, contents.nextSequence());
      contents.tornNote =
          fmt::format("{}: an incomplete last record ({} bytes at byte {}, never acknowledged) "
                      "was dropped",
                      path, left, at);
      break;
    }
    contents.records.push_back({record.sequence, std::string(payload, record.payloadSize)});
    at += kRecordHeaderSize + record.payloadSize;
  }
  contents.validBytes = at;
  return contents;
}

bool writeAll(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

} // namespace

std::variant<SnapshotIdentity, std::string> snapshotIdentity(const std::string& snapshotPath) {
  int fd = ::open(snapshotPath.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fmt::format("{}: {}", snapshotPath, std::strerror(errno));
  snapshot::FileHeader header{};
  ssize_t n = ::pread(fd, &header, sizeof header, 0);
  ::close(fd);
  if (n != static_cast<ssize_t>(sizeof header) || header.magic != snapshot::kMagic)
    return fmt::format("{}: not a Seg snapshot", snapshotPath);
  return SnapshotIdentity{header.metaChecksum, header.fileSize};
}

std::variant<LogContents, std::string> readLog(const std::string& snapshotPath,
                                               const SnapshotIdentity& identity) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string path = logPathOf(snapshotPath);
  const std::string next = nextLogPath(snapshotPath);
  // A compaction that renamed its snapshot in but not yet its empty log: that log is current.
  std::string bytes, error;
  if (fs::exists(next, ec) && readWholeFile(next, bytes, error)) {
    auto parsed = parseLog(next, bytes, identity);
    if (std::holds_alternative<LogContents>(parsed)) return parsed;
  }
  if (!fs::exists(path, ec)) return LogContents{};
  if (!readWholeFile(path, bytes, error)) return fmt::format("{}: {}", path, error);
  return parseLog(path, bytes, identity);
}

std::variant<LogWriter, std::string> LogWriter::open(const std::string& snapshotPath,
                                                     const SnapshotIdentity& identity,
                                                     double lockWaitSeconds) {
  namespace fs = std::filesystem;
  const std::string lockPath = snapshotPath + ".lock";
  int lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lockFd < 0) return fmt::format("{}: {}", lockPath, std::strerror(errno));
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(lockWaitSeconds);
  while (::flock(lockFd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      std::string error = fmt::format("{}: {}", lockPath, std::strerror(errno));
      ::close(lockFd);
      return error;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(lockFd);
      return fmt::format("{}: another process (seg watch or seg serve) is changing this data "
                         "set; waited {:.0f} s",
                         lockPath, lockWaitSeconds);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Under the lock, so no compaction is under way: finish or drop an interrupted one.
  std::error_code ec;
  const std::string path = logPathOf(snapshotPath);
  const std::string next = nextLogPath(snapshotPath);
  std::string bytes, error;
  if (fs::exists(next, ec)) {
    bool current = readWholeFile(next, bytes, error) &&
                   std::holds_alternative<LogContents>(parseLog(next, bytes, identity));
    if (current)
      fs::rename(next, path, ec);
    else
      fs::remove(next, ec);
  }
  fs::remove(snapshotPath + ".compact", ec);

  LogWriter writer(snapshotPath, lockFd, -1);
  if (!fs::exists(path, ec)) {
    if (!base::writeFileDurably(path, encodeHeader(identity, 1), error))
      return fmt::format("{}: {}", path, error);
  }
  if (!readWholeFile(path, bytes, error)) return fmt::format("{}: {}", path, error);
  auto parsed = parseLog(path, bytes, identity);
  if (auto* message = std::get_if<std::string>(&parsed)) return *message;
  writer.contents_ = std::move(std::get<LogContents>(parsed));
  writer.fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (writer.fd_ < 0) return fmt::format("{}: {}", path, std::strerror(errno));
  // A torn tail goes now, so the next record follows the last whole one.
  if (writer.contents_.validBytes != writer.contents_.fileBytes &&
      (::ftruncate(writer.fd_, static_cast<off_t>(writer.contents_.validBytes)) != 0 ||
       ::fsync(writer.fd_) != 0))
    return fmt::format("{}: cannot cut off the torn record: {}", path, std::strerror(errno));
  writer.bytes_ = writer.contents_.validBytes;
  writer.nextSequence_ = writer.contents_.nextSequence();
  return writer;
}

LogWriter::LogWriter(LogWriter&& other) noexcept
    : snapshotPath_(std::move(other.snapshotPath_)), lockFd_(std::exchange(other.lockFd_, -1)),
      fd_(std::exchange(other.fd_, -1)), contents_(std::move(other.contents_)),
      nextSequence_(other.nextSequence_), bytes_(other.bytes_) {}

LogWriter& LogWriter::operator=(LogWriter&& other) noexcept {
  if (this != &other) {
    close();
    snapshotPath_ = std::move(other.snapshotPath_);
    lockFd_ = std::exchange(other.lockFd_, -1);
    fd_ = std::exchange(other.fd_, -1);
    contents_ = std::move(other.contents_);
    nextSequence_ = other.nextSequence_;
    bytes_ = other.bytes_;
  }
  return *this;
}

LogWriter::~LogWriter() {
  close();
}

void LogWriter::close() {
  if (fd_ >= 0) ::close(fd_);
  if (lockFd_ >= 0) ::close(lockFd_); // releases the lock
  fd_ = lockFd_ = -1;
}

std::optional<std::string> LogWriter::append(const std::vector<std::string>& payloads) {
  std::string bytes;
  std::uint64_t sequence = nextSequence_;
  for (const std::string& payload : payloads)
    bytes += encodeRecord(sequence++, payload);
  const std::string path = logPathOf(snapshotPath_);
  if (::lseek(fd_, static_cast<off_t>(bytes_), SEEK_SET) < 0 || !writeAll(fd_, bytes) ||
      ::fdatasync(fd_) != 0) {
    std::string error = std::strerror(errno);
    // Nothing of a failed append may count: cut it off (a crash here is a torn tail).
    (void)!::ftruncate(fd_, static_cast<off_t>(bytes_));
    return fmt::format("{}: the changes could not be made durable: {}", path, error);
  }
  bytes_ += bytes.size();
  nextSequence_ = sequence;
  return std::nullopt;
}

std::optional<std::string> LogWriter::switchTo(const std::string& compacted) {
  auto identity = snapshotIdentity(compacted);
  if (auto* error = std::get_if<std::string>(&identity)) return *error;
  const std::string path = logPathOf(snapshotPath_);
  const std::string next = nextLogPath(snapshotPath_);
  std::string error;
  // 1. The empty log for the new snapshot, durable before the snapshot is switched.
  if (!base::writeFileDurably(
          next, encodeHeader(std::get<SnapshotIdentity>(identity), nextSequence_), error))
    return fmt::format("{}: {}", next, error);
  // 2. The new snapshot in; from here on readers take `next` as its log.
  if (::rename(compacted.c_str(), snapshotPath_.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(next.c_str());
    return fmt::format("{}: {}", snapshotPath_, error);
  }
  // 3. The new log in place of the old.
  if (::rename(next.c_str(), path.c_str()) != 0 || !base::syncParentFolder(path, error))
    return fmt::format("{}: {}", path, error.empty() ? std::strerror(errno) : error);
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) return fmt::format("{}: {}", path, std::strerror(errno));
  bytes_ = kHeaderSize;
  contents_ = LogContents{};
  contents_.firstSequence = nextSequence_;
  contents_.validBytes = contents_.fileBytes = kHeaderSize;
  return std::nullopt;
}

} // namespace seg::runtime::live
