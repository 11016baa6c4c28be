// Compiled programs kept on disk between processes: one object file per program and
// build of Seg, so running the same .seg file again links its code instead of compiling
// it. Entries carry a checksum; a missing, damaged or foreign entry is a miss, never an
// error. Writes are atomic (temporary file, then rename); the oldest entries go when the
// directory holds more than a fixed number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace seg::jit {

class ObjectCache {
public:
  // An empty directory disables the cache.
  explicit ObjectCache(std::string directory = {});

  bool enabled() const { return !directory_.empty(); }
  const std::string& directory() const { return directory_; }

  // The entry's object code, or nothing.
  std::optional<std::string> load(const std::string& key) const;
  // Best effort: a cache that cannot be written only costs the next run a compile.
  void store(const std::string& key, const std::string& object) const;

  // A key for a program (its canonical plan text) compiled for a host (its CPU, see
  // HostIdentity) by a build of Seg (BackendLoader's buildKey: every rebuild changes it).
  static std::string keyOf(std::uint64_t fingerprint, const std::string& planText,
                           const std::string& host, const std::string& build);
  // The directory `seg` uses: $SEG_CACHE_DIR, else $XDG_CACHE_HOME/seg/jit, else
  // ~/.cache/seg/jit; none when SEG_CODE_CACHE is "off" (or "0") or no home is known.
  static std::string defaultDirectory();

private:
  std::string directory_;
};

} // namespace seg::jit
