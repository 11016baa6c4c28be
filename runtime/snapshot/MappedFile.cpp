#include "MappedFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace seg::runtime {
namespace {

std::string failure(const char* what, const std::string& path, int error) {
  return std::string("cannot ") + what + " '" + path + "': " + std::strerror(error);
}

// Closes the descriptor on every path out of open(): the mapping outlives it.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

} // namespace

MappedFileResult MappedFile::open(const std::string& path) {
  Descriptor fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.fd < 0) return {std::nullopt, failure("open", path, errno)};
  struct stat info {};
  if (::fstat(fd.fd, &info) != 0) return {std::nullopt, failure("stat", path, errno)};
  if (!S_ISREG(info.st_mode))
    return {std::nullopt, "cannot map '" + path + "': not a regular file"};
  auto size = static_cast<std::size_t>(info.st_size);
  if (size == 0) return {MappedFile(nullptr, 0), {}}; // mmap rejects length 0
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.fd, 0);
  if (data == MAP_FAILED) return {std::nullopt, failure("map", path, errno)};
  return {MappedFile(static_cast<const std::byte*>(data), size), {}};
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  unmap();
}

void MappedFile::unmap() {
  if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

} // namespace seg::runtime
