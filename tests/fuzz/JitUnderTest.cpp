// One JitEngine per process (its code cache makes re-running a cut-down program cheap).
// With SEG_FUZZ_ISOLATE=1 each plan is first compiled in a forked child with a deadline,
// so a compile that hangs or crashes becomes a reported failure and the run goes on.
#include "JitUnderTest.h"

#include "jit/JitEngine.h"
#include "jit/SupportedPlan.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fmt/format.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace seg::fuzz {
namespace {

jit::JitEngine& sharedJit() {
  static jit::JitEngine engine;
  return engine;
}

// Compiles `plan` in a child process; why it failed, or nothing when it compiled.
std::optional<std::string> probeInChild(const plan::Plan& plan) {
  constexpr auto kDeadline = std::chrono::seconds(5);
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child < 0) return std::nullopt; // cannot isolate: compile in-process as usual
  if (child == 0) {
    jit::JitEngine engine;
    ::_exit(engine.compile(plan) ? 0 : 1);
  }
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - start > kDeadline) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      return fmt::format("compile did not finish within {} s (hang)", kDeadline.count());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFSIGNALED(status)) return fmt::format("compile crashed (signal {})", WTERMSIG(status));
  return std::nullopt; // compiled, or failed with a message the real compile will give
}

} // namespace

Engine jitEngine() {
  Engine engine;
  engine.name = "jit";
  engine.unsupported = [](const plan::Plan& plan) -> std::optional<std::string> {
    if (const auto& why = sharedJit().unavailable()) return "the JIT is unavailable: " + *why;
    return jit::unsupportedReason(plan);
  };
  engine.prepare = [](const plan::Plan& plan) -> std::variant<exec::KernelFactory, std::string> {
    if (std::getenv("SEG_FUZZ_ISOLATE") != nullptr)
      if (auto failure = probeInChild(plan)) return *failure;
    jit::CompileResult compiled = sharedJit().compile(plan);
    if (!compiled) return "compile failed: " + compiled.error();
    std::shared_ptr<const jit::CompiledProgram> program = compiled.program();
    return exec::KernelFactory(
        [program](exec::BoundPlan& bound) { return program->makeKernel(bound); });
  };
  return engine;
}

} // namespace seg::fuzz
