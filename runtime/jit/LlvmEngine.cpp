// The LLVM back end (libseg_jit.so): one LLJIT per engine. A compile is support check → IR →
// verify → optimize → machine code → link, under one lock, with a cache keyed by the plan's
// fingerprint (and checked against the plan's canonical text, so a hash collision cannot
// return the wrong program).
#include "CodeCacheEntry.h"
#include "DeadlineChild.h"
#include "EngineBackend.h"
#include "ObjectCache.h"
#include "SupportedPlan.h"
#include "codegen/MachineCode.h"
#include "codegen/ModuleCodegen.h"
#include "codegen/Optimizer.h"
#include "plan/PlanPrinter.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Host.h>
#include <map>
#include <mutex>

namespace seg::jit {
namespace {

using Clock = std::chrono::steady_clock;

double millisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string message(llvm::Error error) {
  return llvm::toString(std::move(error));
}

// LLVM's target registry is process-wide; initialize it once, whoever asks first. Crash
// recovery lets a fatal error inside LLVM's optimizer or code generator fail one compile
// instead of ending the process (LLVM installs handlers for crash signals that defer to
// the previous ones outside a guarded region).
void initializeLlvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    llvm::CrashRecoveryContext::Enable();
  });
}

// The process's LLJIT and the target machine the optimizer tunes for.
struct Session {
  // Compiles and removals of code one at a time; recursive because a failed compile drops
  // its half-made program (and so removes its code) while holding it.
  std::recursive_mutex mutex;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::unique_ptr<llvm::TargetMachine> machine;
  // The same CPU without AVX-512, for a module on which LLVM's code generator does not
  // finish with it (null when the CPU has no AVX-512).
  std::unique_ptr<llvm::TargetMachine> withoutAvx512;
  std::string host;
};

// Owns one program's machine code: removed from the JIT when the last user goes.
struct ProgramCode {
  ProgramCode(std::shared_ptr<Session> s, llvm::orc::ResourceTrackerSP t)
      : session(std::move(s)), tracker(std::move(t)) {}
  ProgramCode(const ProgramCode&) = delete;
  ProgramCode& operator=(const ProgramCode&) = delete;

  std::shared_ptr<Session> session;
  llvm::orc::ResourceTrackerSP tracker;

  ~ProgramCode() {
    std::lock_guard lock(session->mutex);
    llvm::consumeError(tracker->remove());
  }
};

struct EngineState {
  std::shared_ptr<Session> session;
  std::optional<std::string> unavailable;
  mutable std::mutex cacheMutex;
  struct Entry {
    std::string planText;
    std::shared_ptr<const CompiledProgram> program;
  };
  std::multimap<std::uint64_t, Entry> cache;
  std::uint64_t serial = 0;
  JitOptions options;
  BackendServices services;
  ObjectCache disk;

  void start() {
    initializeLlvm();
    auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!builder) {
      unavailable = "cannot describe this host to LLVM: " + message(builder.takeError());
      return;
    }
    builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
    // Every reference an absolute 64-bit relocation: stored code is linked without LLVM
    // (ObjectImage), which applies only those.
    builder->setCodeModel(llvm::CodeModel::Large);
    const auto& detected = builder->getFeatures().getFeatures();
    const bool hasAvx512 =
        std::find(detected.begin(), detected.end(), "+avx512f") != detected.end();
    std::unique_ptr<llvm::TargetMachine> withoutAvx512;
    if (hasAvx512) {
      // LLVM 19's code generator can loop forever on some AVX-512 mask code (found by the
      // randomized tests): such a module is compiled again without it (see emit).
      llvm::orc::JITTargetMachineBuilder plain = *builder;
      plain.getFeatures().AddFeature("avx512f", false);
      auto made = plain.createTargetMachine();
      if (made)
        withoutAvx512 = std::move(*made);
      else
        llvm::consumeError(made.takeError());
    }
    auto machine = builder->createTargetMachine();
    if (!machine) {
      unavailable = "no LLVM target for this host: " + message(machine.takeError());
      return;
    }
    auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*builder).create();
    if (!jit) {
      unavailable = "cannot start LLVM's JIT: " + message(jit.takeError());
      return;
    }
    auto s = std::make_shared<Session>();
    s->jit = std::move(*jit);
    s->machine = std::move(*machine);
    s->withoutAvx512 = std::move(withoutAvx512);
    s->host = builder->getCPU();
    // The vector extensions that shape the generated code, widest last.
    const auto& features = builder->getFeatures().getFeatures();
    for (const char* wanted :
         {"+sse4.2", "+avx", "+avx2", "+fma", "+avx512f", "+avx512bw", "+avx512vl", "+avx512dq"})
      if (std::find(features.begin(), features.end(), wanted) != features.end())
        s->host += std::string(" ") + (wanted + 1);
    llvm::orc::JITDylib& main = s->jit->getMainJITDylib();
    // memcpy, memset and libm for what LLVM lowers to calls; the helpers by address.
    auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
        s->jit->getDataLayout().getGlobalPrefix());
    if (!process) {
      unavailable = "cannot resolve symbols of this process: " + message(process.takeError());
      return;
    }
    main.addGenerator(std::move(*process));
    llvm::orc::SymbolMap helpers;
    for (const HelperSymbol& h : services.helpers)
      helpers[s->jit->mangleAndIntern(h.name)] = {llvm::orc::ExecutorAddr::fromPtr(h.address),
                                                  llvm::JITSymbolFlags::Exported |
                                                      llvm::JITSymbolFlags::Callable};
    if (auto error = main.define(llvm::orc::absoluteSymbols(std::move(helpers)))) {
      unavailable = "cannot register the JIT's helpers: " + message(std::move(error));
      return;
    }
    session = std::move(s);
  }

  std::shared_ptr<const CompiledProgram> lookup(std::uint64_t fingerprint,
                                                const std::string& planText) const {
    std::lock_guard lock(cacheMutex);
    auto [first, last] = cache.equal_range(fingerprint);
    for (auto it = first; it != last; ++it)
      if (it->second.planText == planText) return it->second.program;
    return nullptr;
  }

  // Optimized machine code for the module (and its IR text when asked), or why not.
  struct Emitted {
    std::unique_ptr<llvm::MemoryBuffer> object;
    std::optional<std::string> failure;
    bool crashed = false;  // in this process: the module may be half-transformed
    bool timedOut = false; // the child ran past the deadline
  };

  // Optimizes and emits in this process; fills the IR text and the phase timings.
  Emitted emitHere(llvm::Module& module, llvm::TargetMachine& machine, std::string& optimizedIr,
                   CompileTimings& timings) {
    // LLVM reports some internal failures by exiting the process: run the optimizer and
    // the code generator where such an exit returns here instead.
    Emitted out;
    llvm::CrashRecoveryContext guard;
    out.crashed = !guard.RunSafely([&] {
      auto phase = Clock::now();
      if ((out.failure = optimizeModule(module, machine))) return;
      timings.optimizeMs = millisSince(phase);
      if (options.keepOptimizedIr) {
        llvm::raw_string_ostream irStream(optimizedIr);
        module.print(irStream, nullptr);
        irStream.flush();
      }
      phase = Clock::now();
      auto emitted = emitObject(module, machine);
      if (auto* error = std::get_if<std::string>(&emitted))
        out.failure = *error;
      else
        out.object = std::move(std::get<std::unique_ptr<llvm::MemoryBuffer>>(emitted));
      timings.machineCodeMs = millisSince(phase);
    });
    return out;
  }

  // The same in a child process under the deadline: LLVM's code generator can loop forever
  // on some inputs (seen with AVX-512 masks), and a loop must cost one compile, not the run.
  // The answer comes back as: ok byte, two timings, the IR text, then the object (or the
  // failure message).
  Emitted emit(llvm::Module& module, CompiledProgram::Parts& parts) {
    Emitted out = emitIn(module, *session->machine, parts);
    if (out.timedOut && session->withoutAvx512) {
      // The module is untouched here (the child had its copy): compile it without AVX-512.
      Emitted again = emitIn(module, *session->withoutAvx512, parts);
      if (again.object) return again;
    }
    return out;
  }

  Emitted emitIn(llvm::Module& module, llvm::TargetMachine& machine,
                 CompiledProgram::Parts& parts) {
    ChildResult child = runInChild(
        [&] {
          std::string ir;
          CompileTimings timings;
          Emitted here = emitHere(module, machine, ir, timings);
          std::string answer(1, here.object ? '\1' : '\0');
          auto put = [&](const void* data, std::size_t size) {
            answer.append(static_cast<const char*>(data), size);
          };
          auto putText = [&](std::string_view text) {
            const std::uint64_t size = text.size();
            put(&size, sizeof size);
            put(text.data(), text.size());
          };
          put(&timings.optimizeMs, sizeof(double));
          put(&timings.machineCodeMs, sizeof(double));
          putText(ir);
          if (here.object)
            putText(here.object->getBuffer());
          else
            putText(here.failure.value_or("LLVM failed while compiling the program"));
          return answer;
        },
        options.codegenDeadline);
    Emitted out;
    switch (child.status) {
    case ChildResult::Status::NoChild:
      return emitHere(module, machine, parts.optimizedIr, parts.timings);
    case ChildResult::Status::TimedOut:
      out.timedOut = true;
      out.failure = fmt::format("LLVM's code generator did not finish within {} s (an LLVM "
                                "problem with this program), so it was stopped",
                                options.codegenDeadline.count() / 1000.0);
      return out;
    case ChildResult::Status::Crashed:
      out.failure = fmt::format("LLVM failed while compiling the program ({})", child.detail);
      return out;
    case ChildResult::Status::Finished:
      break;
    }
    const std::string& answer = child.output;
    std::size_t at = 0;
    auto take = [&](void* into, std::size_t size) {
      if (answer.size() - at < size) return false;
      std::memcpy(into, answer.data() + at, size);
      at += size;
      return true;
    };
    auto takeText = [&](std::string& text) {
      std::uint64_t size = 0;
      if (!take(&size, sizeof size) || answer.size() - at < size) return false;
      text.assign(answer, at, size);
      at += size;
      return true;
    };
    char ok = 0;
    std::string body;
    if (!take(&ok, 1) || !take(&parts.timings.optimizeMs, sizeof(double)) ||
        !take(&parts.timings.machineCodeMs, sizeof(double)) || !takeText(parts.optimizedIr) ||
        !takeText(body)) {
      out.failure = "the code generator's answer was cut short";
      return out;
    }
    if (ok != 1) {
      out.failure = body;
      return out;
    }
    out.object = llvm::MemoryBuffer::getMemBufferCopy(body, module.getModuleIdentifier());
    return out;
  }

  // Adds the object to the JIT and finds the stage functions; the code goes with `code`.
  std::optional<std::string> link(std::unique_ptr<llvm::MemoryBuffer> object,
                                  const GeneratedModule& generated,
                                  std::shared_ptr<ProgramCode>& code,
                                  CompiledProgram::Parts& parts) {
    llvm::orc::ResourceTrackerSP tracker = session->jit->getMainJITDylib().createResourceTracker();
    code = std::make_shared<ProgramCode>(session, tracker);
    if (auto error = session->jit->addObjectFile(tracker, std::move(object)))
      return "LLVM could not load the program: " + message(std::move(error));
    parts.stages.clear();
    for (const std::string& name : generated.stageFunctions) {
      if (name.empty()) {
        parts.stages.push_back(nullptr);
        continue;
      }
      auto address = session->jit->lookup(name);
      if (!address) return "LLVM could not link the program: " + message(address.takeError());
      parts.stages.push_back(address->toPtr<StageFunction>());
    }
    return std::nullopt;
  }

  CompileResult compileUncached(const plan::Plan& plan, std::string planText) {
    const auto start = Clock::now();
    if (auto reason = unsupportedReason(plan)) return CompileResult::failure(*reason);
    std::lock_guard lock(session->mutex);
    if (auto cached = lookup(plan.fingerprint, planText)) // compiled while we waited
      return CompileResult::success(std::move(cached), true);
    CompiledProgram::Parts parts;
    parts.fingerprint = plan.fingerprint;
    // Code kept on disk must have the same symbol names in every process: a prefix from
    // the cache key, unique because the in-process cache is asked first.
    const std::string diskKey =
        disk.enabled()
            ? ObjectCache::keyOf(plan.fingerprint, planText, services.hostKey, services.buildKey)
            : "";
    const std::string prefix = disk.enabled()
                                   ? "seg_" + diskKey
                                   : fmt::format("seg_{:016x}_{}", plan.fingerprint, ++serial);

    // The context must outlive the module: declared first, destroyed last.
    auto context = std::make_unique<llvm::LLVMContext>();
    auto phase = Clock::now();
    GeneratedModule generated = generateModule(*context, plan, prefix);
    llvm::Module& module = *generated.module;
    module.setDataLayout(session->jit->getDataLayout());
    module.setTargetTriple(session->jit->getTargetTriple().str());
    parts.timings.generateMs = millisSince(phase);

    std::shared_ptr<ProgramCode> code;
    bool linked = false;
    std::optional<CodeCacheEntry> stored;
    if (std::optional<std::string> bytes = disk.load(diskKey)) stored = decodeEntry(*bytes);
    if (stored) {
      phase = Clock::now();
      // A stored object that does not link (damaged in a way the checksum missed) is
      // dropped and the program compiled as if it had never been stored.
      linked = !link(llvm::MemoryBuffer::getMemBufferCopy(stored->object, prefix), generated, code,
                     parts);
      parts.timings.machineCodeMs = millisSince(phase);
      parts.timings.objectFromDisk = linked;
      if (!linked) code.reset();
    }
    if (!linked) {
      std::string problems;
      llvm::raw_string_ostream problemStream(problems);
      if (llvm::verifyModule(module, &problemStream))
        return CompileResult::failure("internal JIT error: the generated code is invalid: " +
                                      problemStream.str());
      Emitted emitted = emit(module, parts);
      if (emitted.crashed) {
        // The module may be half-transformed: leak it rather than run its destructors.
        (void)generated.module.release();
        (void)context.release();
        return CompileResult::failure("LLVM failed while compiling the program (an internal "
                                      "error in the optimizer or code generator)");
      }
      if (emitted.failure) return CompileResult::failure("internal JIT error: " + *emitted.failure);
      phase = Clock::now();
      // Kept for the disk only once it links here (a copy: linking takes the buffer).
      const std::string bytes = disk.enabled() ? emitted.object->getBuffer().str() : "";
      if (auto error = link(std::move(emitted.object), generated, code, parts))
        return CompileResult::failure(*error);
      if (disk.enabled())
        disk.store(diskKey, encodeEntry({bytes, generated.layout, generated.chunkRows,
                                         generated.stageFunctions}));
      parts.timings.machineCodeMs += millisSince(phase);
    }
    parts.layout = std::move(generated.layout);
    parts.chunkRows = generated.chunkRows;
    parts.code = std::move(code);
    parts.timings.totalMs = millisSince(start);

    auto program = std::make_shared<const CompiledProgram>(std::move(parts));
    std::lock_guard cacheLock(cacheMutex);
    cache.insert({plan.fingerprint, Entry{std::move(planText), program}});
    return CompileResult::success(std::move(program), false);
  }
};

// The engine the front end talks to.
class LlvmEngine final : public EngineBackend {
public:
  LlvmEngine(JitOptions options, const BackendServices& services) {
    state_.disk = ObjectCache(options.codeCacheDirectory);
    state_.options = std::move(options);
    state_.services = services;
    try {
      state_.start();
    } catch (const std::exception& e) {
      state_.unavailable = fmt::format("cannot start the JIT: {}", e.what());
    }
  }

  CompileResult compile(const plan::Plan& plan) override {
    if (state_.unavailable)
      return CompileResult::failure("the JIT is unavailable: " + *state_.unavailable);
    try {
      std::string text = plan::printPlan(plan);
      if (auto cached = state_.lookup(plan.fingerprint, text))
        return CompileResult::success(std::move(cached), true);
      return state_.compileUncached(plan, std::move(text));
    } catch (const std::exception& e) {
      return CompileResult::failure(
          fmt::format("the JIT could not compile the program: {}", e.what()));
    }
  }

  const std::optional<std::string>& unavailable() const override { return state_.unavailable; }

  std::string host() const override {
    return state_.session ? state_.session->host : std::string("unavailable");
  }

  std::size_t cachedPrograms() const override {
    std::lock_guard lock(state_.cacheMutex);
    return state_.cache.size();
  }

private:
  EngineState state_;
};

} // namespace
} // namespace seg::jit

// The back end's entry point, found by name with dlsym (EngineBackend.h).
extern "C" __attribute__((visibility("default"))) void
seg_jit_create_backend(int abi, const seg::jit::JitOptions& options,
                       const seg::jit::BackendServices& services,
                       std::unique_ptr<seg::jit::EngineBackend>& out) {
  if (abi != seg::jit::kBackendAbi) return;
  out = std::make_unique<seg::jit::LlvmEngine>(options, services);
}
