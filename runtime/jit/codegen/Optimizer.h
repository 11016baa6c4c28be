// The optimization pipeline for generated modules. The code generator already emits
// vector code, shares subexpressions and keeps nulls in masks, so LLVM's full O2 (loop and
// SLP vectorizers, unrolling, …) would cost four times as long for the same machine code:
// a short pipeline of the passes that matter keeps a whole program's compile well under
// 100 ms. Internal to runtime/jit: includes LLVM.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>
#include <optional>
#include <string>

namespace seg::jit {

// Returns an error message when the pipeline could not be built.
std::optional<std::string> optimizeModule(llvm::Module& module, llvm::TargetMachine& machine);

} // namespace seg::jit
