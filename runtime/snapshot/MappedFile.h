// A read-only memory mapping of a whole file: a snapshot opens by mapping, not by reading,
// so opening costs the same for 1 KB and 1 GB and pages load only when a kernel touches them.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace seg::runtime {

struct MappedFileResult;

class MappedFile {
public:
  // Maps `path` read-only; an empty file maps to an empty span.
  static MappedFileResult open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<const std::byte> bytes() const { return {data_, size_}; }
  const std::byte* data() const { return data_; }
  std::size_t size() const { return size_; }

private:
  MappedFile(const std::byte* data, std::size_t size) : data_(data), size_(size) {}
  void unmap();

  const std::byte* data_ = nullptr;
  std::size_t size_ = 0;
};

// Either the mapping or why the file could not be mapped (an error users can cause).
struct MappedFileResult {
  std::optional<MappedFile> file;
  std::string error;
};

} // namespace seg::runtime
