// Generates the LLVM module of a whole program: one function per stage, named with a
// prefix unique within the process, and the argument-block layout they share.
// Internal to runtime/jit: includes LLVM.
#pragma once

#include "KernelAbi.h"
#include "plan/Plan.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <memory>
#include <string>
#include <vector>

namespace seg::jit {

struct GeneratedModule {
  std::unique_ptr<llvm::Module> module;
  ArgLayout layout;
  std::vector<std::string> stageFunctions; // per stage; empty for a stage without slots
  unsigned chunkRows = 0;                  // contacts per chunk: a stage call's granularity
};

// Throws std::logic_error on a construct SupportedPlan should have rejected.
GeneratedModule generateModule(llvm::LLVMContext& context, const plan::Plan& plan,
                               const std::string& prefix);

} // namespace seg::jit
