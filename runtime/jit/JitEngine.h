// The JIT: compiles a plan to native stage kernels with LLVM (ORC LLJIT, tuned for the
// host CPU) and caches the code by the plan's fingerprint, so the same program over any
// store reuses it. Create one engine per process and pass it around; it is thread-safe.
// A plan the JIT cannot compile yields an error message, never an exception or a crash.
#pragma once

#include "KernelAbi.h"
#include "base/Expected.h"
#include "exec/BoundPlan.h"
#include "exec/StageKernel.h"
#include "plan/Plan.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg::jit {

struct CompileTimings {
  double generateMs = 0;       // plan → LLVM IR
  double optimizeMs = 0;       // the O2 pipeline
  double machineCodeMs = 0;    // instruction selection, register allocation, linking
  double totalMs = 0;          // the whole compile call
  bool objectFromDisk = false; // linked from the on-disk code cache: nothing optimized
};

struct JitOptions {
  // Where compiled code is kept between processes (ObjectCache); empty: nowhere.
  std::string codeCacheDirectory;
  // Keep the optimized IR's text (`seg explain --llvm`); code from the disk has none.
  bool keepOptimizedIr = true;
  // Optimizer and code generator run in a child process stopped after this long: LLVM
  // can loop on some inputs, and then the program runs with the interpreter instead.
  std::chrono::milliseconds codegenDeadline{10000};
};

// One program's compiled stage functions. Immutable and shareable; keeps its code alive.
class CompiledProgram : public std::enable_shared_from_this<CompiledProgram> {
public:
  struct Parts {
    std::uint64_t fingerprint = 0;
    ArgLayout layout;
    std::vector<StageFunction> stages; // null for a stage without slots
    unsigned chunkRows = 0;            // stage functions run whole chunks of this many rows
    std::string optimizedIr;
    CompileTimings timings;
    std::shared_ptr<const void> code; // owns the machine code
  };
  explicit CompiledProgram(Parts parts) : parts_(std::move(parts)) {}

  // A kernel over `bound`, which must outlive it (the kernel writes its slot columns), or
  // why `bound` cannot run this code: a column with nulls the plan says cannot have any, a
  // property of an unexpected kind, a missing table. Usable as exec::KernelFactory.
  base::Expected<std::unique_ptr<exec::StageKernel>> makeKernel(exec::BoundPlan& bound) const;

  std::uint64_t fingerprint() const { return parts_.fingerprint; }
  const std::string& optimizedIr() const { return parts_.optimizedIr; }
  const CompileTimings& timings() const { return parts_.timings; }
  const ArgLayout& layout() const { return parts_.layout; }
  const std::vector<StageFunction>& stages() const { return parts_.stages; }
  unsigned chunkRows() const { return parts_.chunkRows; }

private:
  Parts parts_;
};

// A compiled program, or the reason there is none.
class CompileResult {
public:
  static CompileResult success(std::shared_ptr<const CompiledProgram> program, bool cached) {
    CompileResult r;
    r.program_ = std::move(program);
    r.cached_ = cached;
    return r;
  }
  static CompileResult failure(std::string error) {
    CompileResult r;
    r.error_ = std::move(error);
    return r;
  }

  explicit operator bool() const { return program_ != nullptr; }
  const std::shared_ptr<const CompiledProgram>& program() const { return program_; }
  const std::string& error() const { return error_; }
  bool fromCache() const { return cached_; }

private:
  std::shared_ptr<const CompiledProgram> program_;
  std::string error_;
  bool cached_ = false;
};

class JitEngine {
public:
  explicit JitEngine(JitOptions options = {});
  ~JitEngine();
  JitEngine(const JitEngine&) = delete;
  JitEngine& operator=(const JitEngine&) = delete;

  CompileResult compile(const plan::Plan& plan);

  // Whether LLVM initialized for this host, and if not why.
  const std::optional<std::string>& unavailable() const;
  // The CPU the code is tuned for and its vector features, e.g. "rocketlake sse4.2 avx avx2
  // fma avx512f …".
  std::string host() const;
  std::size_t cachedPrograms() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace seg::jit
