#include "ObjectCache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace seg::jit {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'S', 'E', 'G', 'J', 'I', 'T', '0', '1'};
constexpr std::size_t kHeader = sizeof kMagic + 2 * sizeof(std::uint64_t);
constexpr std::size_t kMaxEntries = 512;

std::uint64_t fnv1a(const void* data, std::size_t size,
                    std::uint64_t hash = 1469598103934665603ull) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 1099511628211ull;
  }
  return hash;
}

void appendWord(std::string& out, std::uint64_t word) {
  char bytes[sizeof word];
  std::memcpy(bytes, &word, sizeof word);
  out.append(bytes, sizeof word);
}

std::uint64_t readWord(const std::string& in, std::size_t at) {
  std::uint64_t word = 0;
  std::memcpy(&word, in.data() + at, sizeof word);
  return word;
}

// Keeps the newest kMaxEntries entries.
void trim(const fs::path& directory) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& entry : fs::directory_iterator(directory, ec))
    if (entry.path().extension() == ".o") entries.emplace_back(entry.last_write_time(ec), entry);
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 0; i + kMaxEntries < entries.size(); ++i)
    fs::remove(entries[i].second, ec);
}

} // namespace

ObjectCache::ObjectCache(std::string directory) : directory_(std::move(directory)) {}

std::optional<std::string> ObjectCache::load(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  std::ifstream in(fs::path(directory_) / (key + ".o"), std::ios::binary);
  if (!in) return std::nullopt;
  std::string entry((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (entry.size() < kHeader || std::memcmp(entry.data(), kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  const std::uint64_t size = readWord(entry, sizeof kMagic);
  const std::uint64_t checksum = readWord(entry, sizeof kMagic + sizeof size);
  if (size != entry.size() - kHeader || fnv1a(entry.data() + kHeader, size) != checksum)
    return std::nullopt;
  return entry.substr(kHeader);
}

void ObjectCache::store(const std::string& key, const std::string& object) const {
  if (!enabled()) return;
  std::error_code ec;
  const fs::path directory(directory_);
  fs::create_directories(directory, ec);
  std::string entry(kMagic, sizeof kMagic);
  appendWord(entry, object.size());
  appendWord(entry, fnv1a(object.data(), object.size()));
  entry += object;
  const fs::path temporary = directory / fmt::format("{}.{}.tmp", key, getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(entry.data(), static_cast<std::streamsize>(entry.size()));
    if (!out) {
      out.close();
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, directory / (key + ".o"), ec);
  if (ec) fs::remove(temporary, ec);
  trim(directory);
}

std::string ObjectCache::keyOf(std::uint64_t fingerprint, const std::string& planText,
                               const std::string& host, const std::string& build) {
  std::uint64_t hash = fnv1a(planText.data(), planText.size());
  hash = fnv1a(host.data(), host.size(), hash);
  hash = fnv1a(build.data(), build.size(), hash);
  return fmt::format("{:016x}{:016x}", fingerprint, hash);
}

std::string ObjectCache::defaultDirectory() {
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
  };
  const std::string enabled = env("SEG_CODE_CACHE");
  if (enabled == "off" || enabled == "0") return {};
  if (std::string dir = env("SEG_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty()) return xdg + "/seg/jit";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/seg/jit";
  return {};
}

} // namespace seg::jit
