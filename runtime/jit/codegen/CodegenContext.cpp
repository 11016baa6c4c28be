// Module-wide and function-wide code generation state.
#include "codegen/CodegenContext.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/DerivedTypes.h>

namespace seg::jit {

using plan::ValueType;

ModuleContext::ModuleContext(llvm::LLVMContext& ctx, const plan::Plan& p, std::string name)
    : context(ctx), plan(p), module(std::make_unique<llvm::Module>(name, ctx)),
      i1(llvm::Type::getInt1Ty(ctx)), i8(llvm::Type::getInt8Ty(ctx)),
      i32(llvm::Type::getInt32Ty(ctx)), i64(llvm::Type::getInt64Ty(ctx)),
      f64(llvm::Type::getDoubleTy(ctx)), ptr(llvm::PointerType::get(ctx, 0)) {}

llvm::Type* ModuleContext::storageType(ValueType type) const {
  switch (type) {
  case ValueType::Bool:
    return i8;
  case ValueType::Enum:
  case ValueType::String:
    return i32;
  case ValueType::Float:
    return f64;
  case ValueType::Int:
  case ValueType::Timestamp:
  case ValueType::Duration:
    return i64;
  }
  return i64;
}

std::uint32_t ModuleContext::argIndex(const ArgEntry& entry) {
  auto key = std::tuple{entry.kind, entry.a, entry.b, entry.text};
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  auto index = static_cast<std::uint32_t>(layout_.size());
  layout_.push_back(entry);
  index_.emplace(std::move(key), index);
  return index;
}

llvm::FunctionCallee ModuleContext::helper(Helper which) {
  auto* voidTy = llvm::Type::getVoidTy(context);
  llvm::FunctionType* type = nullptr;
  const char* name = nullptr;
  switch (which) {
  case Helper::Year:
    name = "seg_jit_year";
    type = llvm::FunctionType::get(voidTy, {ptr, ptr, i64}, false);
    break;
  case Helper::Month:
    name = "seg_jit_month";
    type = llvm::FunctionType::get(voidTy, {ptr, ptr, i64}, false);
    break;
  case Helper::RoundToInt:
    name = "seg_jit_round_to_int";
    type = llvm::FunctionType::get(voidTy, {ptr, ptr, ptr, i64}, false);
    break;
  case Helper::RoundDigits:
    name = "seg_jit_round_digits";
    type = llvm::FunctionType::get(voidTy, {ptr, ptr, i64, i64}, false);
    break;
  case Helper::DecayWeight:
    name = "seg_jit_decay_weight";
    type = llvm::FunctionType::get(f64, {i64, i64, i64}, false);
    break;
  case Helper::Reserve:
    name = "seg_jit_reserve";
    type = llvm::FunctionType::get(ptr, {ptr, i64}, false);
    break;
  case Helper::Distinct:
    name = "seg_jit_distinct";
    type = llvm::FunctionType::get(i64, {ptr, i64, i64}, false);
    break;
  }
  llvm::FunctionCallee callee = module->getOrInsertFunction(name, type);
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
    f->setDoesNotThrow();
    if (which == Helper::DecayWeight) f->setDoesNotAccessMemory();
  }
  return callee;
}

FunctionContext::FunctionContext(ModuleContext& module, llvm::Function* fn, llvm::Value* args,
                                 llvm::Value* scratch)
    : m(module), function(fn), argsPointer_(args), scratch_(scratch), entry_(module.context) {
  auto* entry = llvm::BasicBlock::Create(m.context, "entry", function);
  body_ = llvm::BasicBlock::Create(m.context, "body", function);
  entry_.SetInsertPoint(entry);
  entry_.SetInsertPoint(entry_.CreateBr(body_));
}

llvm::BasicBlock* FunctionContext::newBlock(const llvm::Twine& name) {
  return llvm::BasicBlock::Create(m.context, name, function);
}

llvm::Value* FunctionContext::argWord(const ArgEntry& entry) {
  std::uint32_t index = m.argIndex(entry);
  if (auto it = words_.find(index); it != words_.end()) return it->second;
  llvm::Value* at = entry_.CreateConstInBoundsGEP1_64(m.i64, argsPointer_, index);
  auto* load = entry_.CreateAlignedLoad(m.i64, at, llvm::Align(8), "arg" + llvm::Twine(index));
  load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(m.context, {}));
  words_[index] = load;
  return load;
}

llvm::Value* FunctionContext::argPointer(const ArgEntry& entry) {
  std::uint32_t index = m.argIndex(entry);
  if (auto it = pointers_.find(index); it != pointers_.end()) return it->second;
  llvm::Value* at = entry_.CreateConstInBoundsGEP1_64(m.i64, argsPointer_, index);
  auto* load = entry_.CreateAlignedLoad(m.ptr, at, llvm::Align(8), "p" + llvm::Twine(index));
  load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(m.context, {}));
  pointers_[index] = load;
  return load;
}

llvm::AllocaInst* FunctionContext::stackBuffer(llvm::Type* type, std::uint64_t count,
                                               const llvm::Twine& name) {
  // Allocas in the entry block are static: one stack slot for the whole call.
  llvm::IRBuilder<> b(&function->getEntryBlock(), function->getEntryBlock().begin());
  llvm::Type* allocated = count == 1 ? type : llvm::ArrayType::get(type, count);
  auto* a = b.CreateAlloca(allocated, nullptr, name);
  a->setAlignment(llvm::Align(64));
  return a;
}

} // namespace seg::jit
