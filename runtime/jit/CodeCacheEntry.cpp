// The entry's bytes: a format tag, the layout, the chunk size, the stage names, the object;
// integers little-endian 64-bit, strings as length and bytes.
#include "CodeCacheEntry.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace seg::jit {
namespace {

constexpr std::string_view kTag = "SEGCODE1";

void putWord(std::string& out, std::uint64_t word) {
  char bytes[sizeof word];
  std::memcpy(bytes, &word, sizeof word);
  out.append(bytes, sizeof word);
}

void putText(std::string& out, std::string_view text) {
  putWord(out, text.size());
  out.append(text);
}

// Reads what encodeEntry wrote; any read past the end fails the whole decode.
struct Reader {
  const std::string& in;
  std::size_t at = 0;
  bool ok = true;

  std::uint64_t word() {
    std::uint64_t w = 0;
    if (in.size() - at < sizeof w) {
      ok = false;
      return 0;
    }
    std::memcpy(&w, in.data() + at, sizeof w);
    at += sizeof w;
    return w;
  }
  std::string text() {
    const std::uint64_t size = word();
    if (!ok || in.size() - at < size) {
      ok = false;
      return {};
    }
    std::string t = in.substr(at, size);
    at += size;
    return t;
  }
};

} // namespace

std::string encodeEntry(const CodeCacheEntry& entry) {
  std::string out(kTag);
  putWord(out, entry.layout.size());
  for (const ArgEntry& e : entry.layout) {
    putWord(out, static_cast<std::uint64_t>(e.kind));
    putWord(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(e.a)));
    putWord(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(e.b)));
    putText(out, e.text);
  }
  putWord(out, entry.chunkRows);
  putWord(out, entry.stageFunctions.size());
  for (const std::string& name : entry.stageFunctions)
    putText(out, name);
  putText(out, entry.object);
  return out;
}

std::optional<CodeCacheEntry> decodeEntry(const std::string& bytes) {
  if (bytes.compare(0, kTag.size(), kTag) != 0) return std::nullopt;
  Reader r{bytes, kTag.size()};
  CodeCacheEntry entry;
  const std::uint64_t entries = r.word();
  if (!r.ok || entries > bytes.size()) return std::nullopt;
  for (std::uint64_t i = 0; i < entries && r.ok; ++i) {
    const std::uint64_t kind = r.word();
    const auto a = static_cast<std::int32_t>(static_cast<std::int64_t>(r.word()));
    const auto b = static_cast<std::int32_t>(static_cast<std::int64_t>(r.word()));
    std::string text = r.text();
    if (kind > static_cast<std::uint64_t>(ArgKind::PropertyTextOrder)) return std::nullopt;
    entry.layout.emplace_back(static_cast<ArgKind>(kind), a, b, std::move(text));
  }
  entry.chunkRows = static_cast<unsigned>(r.word());
  const std::uint64_t stages = r.word();
  if (!r.ok || stages > bytes.size()) return std::nullopt;
  for (std::uint64_t i = 0; i < stages && r.ok; ++i)
    entry.stageFunctions.push_back(r.text());
  entry.object = r.text();
  if (!r.ok || r.at != bytes.size()) return std::nullopt;
  return entry;
}

} // namespace seg::jit
