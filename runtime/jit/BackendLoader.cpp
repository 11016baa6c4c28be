// The back end is looked for, in order: $SEG_JIT_BACKEND; beside the object holding this
// code (an installed libseg.so, or a binary in the same folder); in the library folder
// next to the executable's (an installed `seg`); where this build tree made it.
#include "BackendLoader.h"

#include <array>
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <sys/stat.h>
#include <vector>

namespace seg::jit {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFileName = "libseg_jit.so";

fs::path thisObject() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&loadBackend), &info) == 0 || info.dli_fname == nullptr)
    return {};
  std::error_code ec;
  fs::path path = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path(info.dli_fname) : path;
}

std::vector<fs::path> candidates() {
  if (const char* chosen = std::getenv("SEG_JIT_BACKEND"); chosen != nullptr && *chosen != 0)
    return {chosen};
  std::vector<fs::path> out;
  const fs::path here = thisObject().parent_path();
  if (!here.empty()) {
    out.push_back(here / kFileName);
    out.push_back(here / SEG_JIT_FROM_BINDIR / kFileName);
  }
  out.push_back(SEG_JIT_BUILD_PATH);
  return out;
}

const fs::path& backendPath() {
  static const fs::path found = [] {
    std::error_code ec;
    for (const fs::path& path : candidates())
      if (fs::is_regular_file(path, ec)) return path;
    return fs::path();
  }();
  return found;
}

std::string fileIdentity(const fs::path& path) {
  struct stat s {};
  if (path.empty() || stat(path.c_str(), &s) != 0) return "none";
  return fmt::format("{}:{}:{}.{}", s.st_ino, s.st_size, s.st_mtim.tv_sec, s.st_mtim.tv_nsec);
}

} // namespace

std::variant<CreateBackendFunction, std::string> loadBackend() {
  // dlopen itself is thread-safe and keeps the library for the process; the answer is
  // settled once so that every engine reports the same reason.
  static const std::variant<CreateBackendFunction, std::string> loaded =
      []() -> std::variant<CreateBackendFunction, std::string> {
    const fs::path& path = backendPath();
    if (path.empty())
      return fmt::format("its LLVM back end ({}) is not installed beside Seg", kFileName);
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
      return fmt::format("cannot load its LLVM back end {}: {}", path.string(), dlerror());
    void* create = dlsym(handle, kCreateBackendSymbol);
    if (create == nullptr) return fmt::format("{} is not Seg's LLVM back end", path.string());
    return reinterpret_cast<CreateBackendFunction>(create);
  }();
  return loaded;
}

const std::string& buildKey() {
  static const std::string key = fileIdentity("/proc/self/exe") + " " + fileIdentity(thisObject()) +
                                 " " + fileIdentity(backendPath());
  return key;
}

const std::string& hostKey() {
#if defined(__x86_64__)
  static const std::string key = [] {
    std::string out;
    auto leaf = [&](unsigned id, unsigned sub, std::array<bool, 4> keep) {
      unsigned r[4] = {0, 0, 0, 0};
      if (__get_cpuid_count(id, sub, &r[0], &r[1], &r[2], &r[3]) == 0) {
        out += "-";
        return;
      }
      for (int k = 0; k < 4; ++k)
        out += keep[k] ? fmt::format("{:08x}", r[k]) : std::string("x");
      out += ",";
    };
    leaf(0, 0, {true, true, true, true});
    leaf(1, 0, {true, false, true, true}); // ebx holds the APIC id of the core asked
    leaf(7, 0, {true, true, true, true});
    leaf(7, 1, {true, true, true, true});
    leaf(0xd, 1, {true, false, false, false});
    leaf(0x14, 0, {true, true, true, true});
    leaf(0x19, 0, {true, true, true, true});
    for (unsigned id = 0x80000001; id <= 0x80000004; ++id)
      leaf(id, 0, {true, true, true, true});
    leaf(0x80000008, 0, {true, true, false, false});
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) != 0 && (c & bit_OSXSAVE) != 0) {
      unsigned lo = 0, hi = 0;
      __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
      out += fmt::format("xcr0={:08x}{:08x}", hi, lo);
    }
    return out;
  }();
  return key;
#else
  // Not x86-64 (the JIT targets it only): no CPU identity to read.
  static const std::string key = "not-x86-64";
  return key;
#endif
}

} // namespace seg::jit
