#include "ChangeBatch.h"

#include "ByteCoding.h"

namespace seg::runtime::live {

std::string encodeBatch(const ChangeBatch& batch) {
  std::string out;
  putU64(out, batch.parts.size());
  for (const ChangePart& part : batch.parts) {
    out.push_back(static_cast<char>(part.kind));
    putString(out, part.name);
    putString(out, part.type);
    putString(out, part.bytes);
  }
  return out;
}

std::optional<ChangeBatch> decodeBatch(std::string_view payload) {
  ByteReader reader{payload};
  std::uint64_t parts = 0;
  if (!reader.u64(parts) || parts > payload.size()) return std::nullopt;
  ChangeBatch batch;
  for (std::uint64_t i = 0; i < parts; ++i) {
    if (reader.rest.empty()) return std::nullopt;
    auto kind = static_cast<std::uint8_t>(reader.rest.front());
    reader.rest.remove_prefix(1);
    if (kind > 1) return std::nullopt;
    ChangePart part;
    part.kind = static_cast<ChangeKind>(kind);
    if (!reader.string(part.name) || !reader.string(part.type) || !reader.string(part.bytes))
      return std::nullopt;
    batch.parts.push_back(std::move(part));
  }
  if (!reader.rest.empty()) return std::nullopt;
  return batch;
}

} // namespace seg::runtime::live
