// Where `import "std/…"` looks when the caller does not say: $SEG_STDLIB_DIR, then the
// standard library installed beside libseg (<datadir>/seg/stdlib, relative to the libdir), then the
// source tree this library was built from.
#include "Detail.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>

// Set by api/CMakeLists.txt from the install layout (the libdir may be multiarch).
#ifndef SEG_STDLIB_FROM_LIBDIR
#define SEG_STDLIB_FROM_LIBDIR "../share/seg/stdlib"
#endif

namespace seg::detail {
namespace {

std::string installedStdlibDir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&installedStdlibDir), &info) == 0 || info.dli_fname == nullptr)
    return "";
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path library = fs::weakly_canonical(fs::path(info.dli_fname), ec);
  if (ec) return "";
  fs::path stdlib = (library.parent_path() / SEG_STDLIB_FROM_LIBDIR).lexically_normal();
  return fs::is_directory(stdlib / "std", ec) ? stdlib.string() : "";
}

} // namespace

std::string stdlibDirectory(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("SEG_STDLIB_DIR"); env != nullptr && *env != '\0') return env;
  std::string installed = installedStdlibDir();
  return installed.empty() ? defaultStdlibDir() : installed;
}

} // namespace seg::detail
