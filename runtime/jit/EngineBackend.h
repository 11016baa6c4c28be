// The interface between the JIT's LLVM-free front (JitEngine, the code cache, kernels) and
// its LLVM back end, a shared object loaded on first compile: a process that compiles
// nothing (seg check, seg fmt, a code-cache hit) never maps LLVM.
#pragma once

#include "Builtins.h"
#include "JitEngine.h"

#include <memory>
#include <optional>
#include <span>
#include <string>

namespace seg::jit {

class EngineBackend {
public:
  virtual ~EngineBackend() = default;
  virtual CompileResult compile(const plan::Plan& plan) = 0;
  virtual const std::optional<std::string>& unavailable() const = 0;
  virtual std::string host() const = 0;
  virtual std::size_t cachedPrograms() const = 0;
};

// What the back end takes from the process that loads it.
struct BackendServices {
  std::span<const HelperSymbol> helpers; // the host's functions generated code calls
  std::string hostKey;                   // the CPU, as the on-disk code cache keys it
  std::string buildKey;                  // this build of Seg, front and back end
};

// Bumped whenever this interface or a type it passes changes layout.
inline constexpr int kBackendAbi = 1;

// The back end's one exported function (C linkage, so dlsym finds it by this name).
using CreateBackendFunction = void (*)(int abi, const JitOptions& options,
                                       const BackendServices& services,
                                       std::unique_ptr<EngineBackend>& out);
inline constexpr const char* kCreateBackendSymbol = "seg_jit_create_backend";

} // namespace seg::jit
