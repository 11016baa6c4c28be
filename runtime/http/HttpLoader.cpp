// Finds and loads libseg_http.so: beside the object that contains this code (the `seg`
// command or libseg), in the library folder relative to an installed bin/, or in the build
// tree; $SEG_HTTP_MODULE chooses another. Loaded once per process.
#include "HttpModule.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>

namespace seg::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFileName = "libseg_http.so";

fs::path thisObject() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&module), &info) == 0 || info.dli_fname == nullptr) return {};
  std::error_code ec;
  fs::path path = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path(info.dli_fname) : path;
}

std::vector<fs::path> candidates() {
  if (const char* chosen = std::getenv("SEG_HTTP_MODULE"); chosen != nullptr && *chosen != 0)
    return {chosen};
  std::vector<fs::path> out;
  const fs::path here = thisObject().parent_path();
  if (!here.empty()) {
    out.push_back(here / kFileName);
    out.push_back(here / SEG_HTTP_FROM_BINDIR / kFileName);
  }
  out.push_back(SEG_HTTP_BUILD_PATH);
  return out;
}

} // namespace

const Module* module(std::string& error) {
  static std::once_flag once;
  static const Module* loaded = nullptr;
  static std::string failure;
  std::call_once(once, [] {
    std::error_code ec;
    fs::path path;
    for (const fs::path& candidate : candidates())
      if (fs::is_regular_file(candidate, ec)) {
        path = candidate;
        break;
      }
    if (path.empty()) {
      failure = std::string("cannot find ") + kFileName + " (Seg's HTTP module) beside seg";
      return;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      failure = "cannot load " + path.string() + ": " + dlerror();
      return;
    }
    using Entry = const Module* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "seg_http_module"));
    if (entry == nullptr) {
      failure = path.string() + " is not Seg's HTTP module";
      return;
    }
    loaded = entry();
  });
  if (loaded == nullptr) error = failure;
  return loaded;
}

} // namespace seg::http
