#include "base/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace seg::base {

bool writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                         std::string& error) {
  namespace fs = std::filesystem;
  // The process id keeps two writers of the same file from sharing a temporary.
  std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = std::strerror(errno);
      return false;
    }
    write(out);
    if (!out.flush()) {
      error = std::strerror(errno);
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    error = ec.message();
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return false;
  }
  return true;
}

} // namespace seg::base
