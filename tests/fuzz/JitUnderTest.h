// The LLVM JIT as an engine under test (runtime/jit/JitEngine.h): compiles a plan once and
// hands its kernels to the executor; plans it cannot compile are reported, not run.
#pragma once

#include "EngineRunner.h"

namespace seg::fuzz {

Engine jitEngine();

} // namespace seg::fuzz
