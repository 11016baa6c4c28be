// The engine's front: loads the LLVM back end on first construction (BackendLoader) and
// forwards to it; without a back end every compile fails with the reason, so callers fall
// back to the interpreter as for any plan the JIT cannot compile.
#include "JitEngine.h"

#include "BackendLoader.h"
#include "Builtins.h"
#include "EngineBackend.h"

#include <fmt/format.h>

namespace seg::jit {

struct JitEngine::Impl {
  std::unique_ptr<EngineBackend> backend;
  std::optional<std::string> unavailable;
};

JitEngine::JitEngine(JitOptions options) : impl_(std::make_unique<Impl>()) {
  auto loaded = loadBackend();
  if (auto* reason = std::get_if<std::string>(&loaded)) {
    impl_->unavailable = *reason;
    return;
  }
  const BackendServices services{helperSymbols(), hostKey(), buildKey()};
  try {
    std::get<CreateBackendFunction>(loaded)(kBackendAbi, options, services, impl_->backend);
  } catch (const std::exception& e) {
    impl_->unavailable = fmt::format("cannot start the JIT: {}", e.what());
    return;
  }
  if (!impl_->backend) impl_->unavailable = "its LLVM back end belongs to another build of Seg";
}

JitEngine::~JitEngine() = default;

CompileResult JitEngine::compile(const plan::Plan& plan) {
  if (impl_->unavailable)
    return CompileResult::failure("the JIT is unavailable: " + *impl_->unavailable);
  return impl_->backend->compile(plan);
}

const std::optional<std::string>& JitEngine::unavailable() const {
  return impl_->backend ? impl_->backend->unavailable() : impl_->unavailable;
}

std::string JitEngine::host() const {
  return impl_->backend ? impl_->backend->host() : std::string("unavailable");
}

std::size_t JitEngine::cachedPrograms() const {
  return impl_->backend ? impl_->backend->cachedPrograms() : 0;
}

} // namespace seg::jit
