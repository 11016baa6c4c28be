#include "EvaluationJournal.h"

#include "ByteCoding.h"
#include "RecordHeader.h"
#include "base/AtomicFile.h"
#include "snapshot/Checksum.h"

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace seg::runtime::live {
namespace {

constexpr std::array<char, 8> kMagic = {'S', 'E', 'G', 'J', 'R', 'N', 'L', '\1'};
// Past this size the next evaluation is written whole, which starts the journal over.
constexpr std::uint64_t kMaxJournalBytes = 64ull << 20;

template <class Record> auto* wordsOf(Record& record, const std::string& name) {
  decltype(&record.members.front().words) found = nullptr;
  for (auto& members : record.members)
    if (members.name == name) found = &members.words;
  return found;
}

// The rows set in `a` and not in `b` (missing words count as zero).
void putDifference(std::string& out, const std::vector<std::uint64_t>& a,
                   const std::vector<std::uint64_t>* b) {
  std::vector<std::uint64_t> rows;
  for (std::size_t w = 0; w < a.size(); ++w) {
    const std::uint64_t other = b != nullptr && w < b->size() ? (*b)[w] : 0;
    for (std::uint64_t bits = a[w] & ~other; bits != 0; bits &= bits - 1)
      rows.push_back(w * 64 + static_cast<std::uint64_t>(std::countr_zero(bits)));
  }
  putU64(out, rows.size());
  for (std::uint64_t row : rows)
    putU64(out, row);
}

// The entry of `record` after `previous`: its header, then per member its entered and left rows.
std::string entryOf(const EvaluationRecord& previous, const EvaluationRecord& record) {
  std::string payload;
  putRecordHeader(payload, record);
  for (const RecordedMembers& members : record.members) {
    putString(payload, members.name);
    const std::vector<std::uint64_t>* before = wordsOf(previous, members.name);
    putDifference(payload, members.words, before);
    static const std::vector<std::uint64_t> none;
    putDifference(payload, before != nullptr ? *before : none, &members.words);
  }
  return payload;
}

bool applyRows(ByteReader& reader, std::vector<std::uint64_t>& words, bool set) {
  std::uint64_t count = 0;
  if (!reader.u64(count) || count > reader.rest.size() / 8) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t row = 0;
    if (!reader.u64(row) || row / 64 >= words.size()) return false;
    const std::uint64_t bit = std::uint64_t{1} << (row % 64);
    words[row / 64] = set ? words[row / 64] | bit : words[row / 64] & ~bit;
  }
  return true;
}

// `entry` applied to `record` (its bitmaps moved, not copied), or false when it does not
// decode (then `record` is left in pieces).
bool applyEntry(std::string_view entry, EvaluationRecord& record) {
  ByteReader reader{entry};
  EvaluationRecord next;
  std::uint64_t count = 0;
  if (!readRecordHeader(reader, next, count)) return false;
  const std::size_t words = (next.contacts + 63) / 64;
  for (std::uint64_t i = 0; i < count; ++i) {
    RecordedMembers members;
    if (!reader.string(members.name)) return false;
    if (std::vector<std::uint64_t>* before = wordsOf(record, members.name))
      members.words = std::move(*before);
    members.words.resize(words, 0);
    if (!applyRows(reader, members.words, true) || !applyRows(reader, members.words, false))
      return false;
    next.members.push_back(std::move(members));
  }
  if (!reader.rest.empty()) return false;
  record = std::move(next);
  return true;
}

std::optional<std::string> failure(const std::string& path) {
  return fmt::format("{}: {}", path, std::strerror(errno));
}

} // namespace

std::optional<std::string> appendEvaluation(const std::string& snapshotPath,
                                            const EvaluationRecord& previous,
                                            const EvaluationRecord& record) {
  const std::string path = journalPathOf(snapshotPath);
  const std::string payload = entryOf(previous, record);
  std::uint64_t whole = 0; // the size of the record written whole
  for (const RecordedMembers& members : record.members)
    whole += members.words.size() * 8;
  if (payload.size() * 2 > whole) return "the difference is not much smaller than the record";
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return failure(path);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    ::close(fd);
    return failure(path);
  }
  const bool fresh = status.st_size == 0;
  if (static_cast<std::uint64_t>(status.st_size) + payload.size() > kMaxJournalBytes) {
    ::close(fd);
    return "the journal is full";
  }
  std::string out;
  if (fresh) { // the header: the evaluation of the whole record the entries follow
    out.append(kMagic.data(), kMagic.size());
    putU64(out, previous.evaluation);
  }
  putU64(out, payload.size());
  out += payload;
  putU64(out, xxh64(payload.data(), payload.size()));
  bool ok = true;
  for (std::size_t done = 0; ok && done < out.size();) {
    const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fdatasync(fd) == 0;
  std::optional<std::string> error = ok ? std::nullopt : failure(path);
  ::close(fd);
  if (error) return error;
  std::string folderError;
  if (fresh && !base::syncParentFolder(path, folderError))
    return fmt::format("{}: {}", path, folderError);
  return std::nullopt;
}

std::optional<std::string> applyJournal(const std::string& snapshotPath, EvaluationRecord& base) {
  const std::string path = journalPathOf(snapshotPath);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  ByteReader reader{bytes};
  std::uint64_t follows = 0;
  // A journal of another record (a crash between writing a whole one and deleting it) or
  // one torn in its header holds nothing for this record.
  if (bytes.size() < kMagic.size() + 8 || bytes.compare(0, 8, kMagic.data(), 8) != 0)
    return std::nullopt;
  reader.rest.remove_prefix(8);
  if (!reader.u64(follows) || follows != base.evaluation) return std::nullopt;
  const std::string damaged = fmt::format(
      "{}: the recorded evaluation's journal is damaged; delete it and {} to start over (the "
      "next evaluation then reports every member as entered)",
      path, evaluationPathOf(snapshotPath));
  while (!reader.rest.empty()) {
    std::uint64_t size = 0;
    if (!reader.u64(size) || size > reader.rest.size() || reader.rest.size() - size < 8)
      break; // torn: written last and never acknowledged
    const std::string_view entry = reader.rest.substr(0, size);
    reader.rest.remove_prefix(size);
    std::uint64_t checksum = 0;
    reader.u64(checksum);
    if (checksum != xxh64(entry.data(), entry.size())) return damaged;
    std::uint64_t evaluation = 0;
    if (entry.size() < 8) return damaged;
    std::memcpy(&evaluation, entry.data(), 8);
    if (evaluation != base.evaluation + 1 || !applyEntry(entry, base)) return damaged;
  }
  return std::nullopt;
}

std::optional<std::string> removeJournal(const std::string& snapshotPath) {
  const std::string path = journalPathOf(snapshotPath);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return std::nullopt;
    return failure(path);
  }
  std::string error;
  if (!base::syncParentFolder(path, error)) return fmt::format("{}: {}", path, error);
  return std::nullopt;
}

} // namespace seg::runtime::live
