// Block and index bookkeeping of a counted loop; the body is the caller's.
#include "codegen/LoopBuilder.h"

namespace seg::jit {

CountedLoop::CountedLoop(FunctionContext& f, llvm::IRBuilder<>& b, const LoopNames& names)
    : f_(f), b_(b), names_(names), header_(f.newBlock(names.header)),
      body_(f.newBlock(names.body)) {}

llvm::Value* CountedLoop::open(llvm::Value* begin, llvm::Value* end, std::uint64_t step,
                               const std::function<llvm::Value*()>& more) {
  step_ = step;
  llvm::BasicBlock* preheader = b_.GetInsertBlock();
  exit_ = f_.newBlock(names_.exit);
  b_.CreateBr(header_);
  b_.SetInsertPoint(header_);
  index_ = b_.CreatePHI(f_.m.i64, 2, names_.index);
  index_->addIncoming(begin, preheader);
  llvm::Value* inRange = b_.CreateICmpULT(index_, end);
  b_.CreateCondBr(more ? b_.CreateAnd(inRange, more()) : inRange, body_, exit_);
  b_.SetInsertPoint(body_);
  return index_;
}

void CountedLoop::close() {
  index_->addIncoming(b_.CreateAdd(index_, b_.getInt64(step_)), b_.GetInsertBlock());
  b_.CreateBr(header_);
  b_.SetInsertPoint(exit_);
}

} // namespace seg::jit
