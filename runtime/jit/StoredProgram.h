// A program's code linked straight from the on-disk code cache, without LLVM: what a run of
// an unchanged program does, so that it never loads the JIT's back end.
#pragma once

#include "JitEngine.h"

#include <memory>
#include <string>

namespace seg::jit {

// The stored program for `plan`, or null when the cache holds none that links here (the
// caller then compiles it).
std::shared_ptr<const CompiledProgram> linkStoredProgram(const plan::Plan& plan,
                                                         const std::string& cacheDirectory);

} // namespace seg::jit
