// The append-only log of accepted change batches beside a snapshot (X.segdb.log): each
// record checksummed and synced before the batch counts as accepted; replayed on open. A
// torn last record (a crash while writing) is detected and dropped, never half-applied.
//
// Layout, little-endian: a 64-byte header {magic "SEGLOG\0\1", u32 version, u32 header size,
// u64 the snapshot's meta checksum, u64 the snapshot's file size, u64 first sequence, 16
// zero bytes, u64 XXH64 of the 56 bytes before}, then records {u32 magic "SREC", u32 0, u64
// sequence, u64 payload size, u64 XXH64 of the payload seeded with the XXH64 of the 24 bytes
// before} + payload. The snapshot identity binds a log to the snapshot it extends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace seg::runtime::live {

struct SnapshotIdentity {
  std::uint64_t metaChecksum = 0;
  std::uint64_t fileSize = 0;
  bool operator==(const SnapshotIdentity&) const = default;
};

// The identity from the snapshot's header, or why it cannot be read.
std::variant<SnapshotIdentity, std::string> snapshotIdentity(const std::string& snapshotPath);

inline std::string logPathOf(const std::string& snapshotPath) {
  return snapshotPath + ".log";
}

struct LogRecord {
  std::uint64_t sequence = 0;
  std::string payload;
};

struct LogContents {
  std::vector<LogRecord> records;
  std::uint64_t firstSequence = 1; // of the first record this log holds (or would hold)
  std::uint64_t validBytes = 0;    // header + whole records
  std::uint64_t fileBytes = 0;
  std::string tornNote; // set when an incomplete last record was dropped
  std::uint64_t nextSequence() const { return firstSequence + records.size(); }
};

// Reads the log of `snapshotPath` without changing it: no file is an empty log. A damaged
// record before the last, a log of another snapshot or an unreadable file is an error.
std::variant<LogContents, std::string> readLog(const std::string& snapshotPath,
                                               const SnapshotIdentity& identity);

// The one writer of a log: holds an exclusive lock (X.segdb.lock, a file never replaced) while
// open, so two processes never append at once; a second writer waits up to `lockWaitSeconds`.
// Opening finishes or discards an interrupted compaction and cuts off a torn tail.
class LogWriter {
public:
  static std::variant<LogWriter, std::string> open(const std::string& snapshotPath,
                                                   const SnapshotIdentity& identity,
                                                   double lockWaitSeconds = 30);
  LogWriter(LogWriter&& other) noexcept;
  LogWriter& operator=(LogWriter&& other) noexcept;
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;
  ~LogWriter();

  // What the log held when opened (a torn tail already cut off).
  LogContents& contents() { return contents_; }
  std::uint64_t nextSequence() const { return nextSequence_; }
  std::uint64_t bytes() const { return bytes_; }
  // Appends the records and syncs them to disk: on success they are durable (group commit:
  // one sync for all). On failure the log is cut back to where it was.
  std::optional<std::string> append(const std::vector<std::string>& payloads);
  // Compaction's switch-over: `compacted` (a complete snapshot holding the snapshot and
  // every record) replaces the snapshot and the log starts over, empty, for it. A crash at
  // any point leaves either the old snapshot with its log or the new one with an empty log.
  std::optional<std::string> switchTo(const std::string& compacted);

private:
  LogWriter(std::string snapshotPath, int lockFd, int fd)
      : snapshotPath_(std::move(snapshotPath)), lockFd_(lockFd), fd_(fd) {}
  void close();
  std::string snapshotPath_;
  int lockFd_ = -1;
  int fd_ = -1;
  LogContents contents_;
  std::uint64_t nextSequence_ = 1;
  std::uint64_t bytes_ = 0;
};

} // namespace seg::runtime::live
