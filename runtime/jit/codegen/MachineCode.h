// Instruction selection and register allocation for an optimized module, into an object
// file in memory that the JIT then only links. Doing this outside ORC keeps every step
// that can fail inside the engine's guarded region. Internal to runtime/jit: includes LLVM.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>
#include <memory>
#include <string>
#include <variant>

namespace seg::jit {

std::variant<std::unique_ptr<llvm::MemoryBuffer>, std::string>
emitObject(llvm::Module& module, llvm::TargetMachine& machine);

} // namespace seg::jit
