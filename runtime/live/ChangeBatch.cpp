#include "ChangeBatch.h"

#include <cstring>

namespace seg::runtime::live {
namespace {

void putU64(std::string& out, std::uint64_t v) {
  char bytes[8];
  std::memcpy(bytes, &v, 8);
  out.append(bytes, 8);
}

void putString(std::string& out, std::string_view text) {
  putU64(out, text.size());
  out.append(text);
}

// Reads from a payload without ever going past its end.
struct Reader {
  std::string_view rest;

  bool u64(std::uint64_t& v) {
    if (rest.size() < 8) return false;
    std::memcpy(&v, rest.data(), 8);
    rest.remove_prefix(8);
    return true;
  }
  bool string(std::string& out) {
    std::uint64_t size = 0;
    if (!u64(size) || size > rest.size()) return false;
    out.assign(rest.substr(0, size));
    rest.remove_prefix(size);
    return true;
  }
};

} // namespace

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
  Reader reader{payload};
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
