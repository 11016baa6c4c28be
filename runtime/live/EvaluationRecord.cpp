#include "EvaluationRecord.h"

#include "ByteCoding.h"
#include "RecordHeader.h"
#include "base/AtomicFile.h"
#include "snapshot/Checksum.h"

#include <array>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace seg::runtime::live {
namespace {

constexpr std::array<char, 8> kMagic = {'S', 'E', 'G', 'E', 'V', 'A', 'L', '\1'};

} // namespace

std::optional<std::string> writeEvaluation(const std::string& snapshotPath,
                                           const EvaluationRecord& record) {
  std::string out(kMagic.data(), kMagic.size());
  putRecordHeader(out, record);
  for (const RecordedMembers& members : record.members) {
    putString(out, members.name);
    putU64(out, members.words.size());
    out.append(reinterpret_cast<const char*>(members.words.data()), members.words.size() * 8);
  }
  putU64(out, xxh64(out.data(), out.size()));
  const std::string path = evaluationPathOf(snapshotPath);
  std::string error;
  if (!base::writeFileDurably(path, out, error)) return fmt::format("{}: {}", path, error);
  return std::nullopt;
}

std::variant<std::optional<EvaluationRecord>, std::string>
readEvaluation(const std::string& snapshotPath) {
  const std::string path = evaluationPathOf(snapshotPath);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<EvaluationRecord>{};
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const std::string damaged =
      fmt::format("{}: the recorded evaluation is damaged; delete it to start over (the next "
                  "evaluation then reports every member as entered)",
                  path);
  if (bytes.size() < kMagic.size() + 8 || bytes.compare(0, 8, kMagic.data(), 8) != 0)
    return damaged;
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + bytes.size() - 8, 8);
  if (checksum != xxh64(bytes.data(), bytes.size() - 8)) return damaged;
  ByteReader reader{std::string_view(bytes).substr(8, bytes.size() - 16)};
  EvaluationRecord record;
  std::uint64_t count = 0;
  if (!readRecordHeader(reader, record, count)) return damaged;
  for (std::uint64_t i = 0; i < count; ++i) {
    RecordedMembers members;
    std::uint64_t words = 0;
    if (!reader.string(members.name)) return damaged;
    if (!reader.u64(words) || words > reader.rest.size() / 8) return damaged;
    members.words.resize(words);
    std::memcpy(members.words.data(), reader.rest.data(), words * 8);
    reader.rest.remove_prefix(words * 8);
    record.members.push_back(std::move(members));
  }
  if (!reader.rest.empty()) return damaged;
  return std::optional<EvaluationRecord>(std::move(record));
}

} // namespace seg::runtime::live
