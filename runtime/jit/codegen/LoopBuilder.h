// The one skeleton of the generated code's loops: for (i = begin; i < end && more(); i += step),
// a header block with the index phi, the body, an exit. Internal to runtime/jit: includes LLVM.
#pragma once

#include "codegen/CodegenContext.h"

#include <functional>

namespace seg::jit {

struct LoopNames {
  const char* header;
  const char* body;
  const char* exit;
  const char* index;
};

class CountedLoop {
public:
  // Makes the header and body blocks. Blocks made before open() come before the exit.
  CountedLoop(FunctionContext& f, llvm::IRBuilder<>& b, const LoopNames& names);

  // Enters the loop from the builder's block and leaves the builder in the body. `more`,
  // when given, is a further condition read in the header (a walk that stops once it found).
  llvm::Value* open(llvm::Value* begin, llvm::Value* end, std::uint64_t step = 1,
                    const std::function<llvm::Value*()>& more = {});
  // Ends the body where the builder is (next index, back to the header); leaves the builder
  // at the exit.
  void close();

private:
  FunctionContext& f_;
  llvm::IRBuilder<>& b_;
  LoopNames names_;
  llvm::BasicBlock* header_;
  llvm::BasicBlock* body_;
  llvm::BasicBlock* exit_ = nullptr;
  llvm::PHINode* index_ = nullptr;
  std::uint64_t step_ = 1;
};

} // namespace seg::jit
