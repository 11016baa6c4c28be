// Finds and loads the JIT's LLVM back end (libseg_jit.so) on first use, once per process,
// and names what stored code depends on (this build, this CPU) without loading it.
#pragma once

#include "EngineBackend.h"

#include <string>
#include <variant>

namespace seg::jit {

// The back end's factory, or why there is none (not found, not loadable, another build).
std::variant<CreateBackendFunction, std::string> loadBackend();

// This build of Seg: the executable, the object holding this code (libseg.so when
// embedded) and the back end's file, each by inode, size and modification time, so code a
// different build generated is never reused. Reads file metadata only.
const std::string& buildKey();

// The CPU as LLVM's host detection sees it (vendor, family, model, feature bits and the
// OS-enabled vector state from CPUID and XGETBV): equal keys get the same generated code.
const std::string& hostKey();

} // namespace seg::jit
