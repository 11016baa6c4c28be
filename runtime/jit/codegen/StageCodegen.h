// One stage's kernel function: a loop over chunks of contacts (whole bitmap bytes), each
// loading its input columns as vectors, running the event aggregates lane by lane, then
// evaluating every slot of the stage as vector code and storing values and validity.
// Internal to runtime/jit: includes LLVM.
#pragma once

#include "codegen/AggregateCodegen.h"
#include "codegen/NodeCodegen.h"
#include "codegen/StagePlan.h"

#include <map>
#include <memory>
#include <set>

namespace seg::jit {

class StageCodegen final : public LeafSource {
public:
  StageCodegen(ModuleContext& m, const StagePlan& stage, const std::vector<bool>& uniform);
  ~StageCodegen() override;

  // Emits `void name(const uint64_t* args, uint64_t begin, uint64_t end, void* scratch)`.
  llvm::Function* emit(const std::string& name);

private:
  std::optional<Val> leaf(plan::NodeId id) override;
  Val loadInput(const StageInput& key);
  void emitFrontier();
  void emitSlots();
  std::uint64_t widthOf(plan::ValueType type) const;

  ModuleContext& m_;
  const StagePlan& stage_;
  const std::vector<bool>& uniform_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<FunctionContext> f_;
  std::unique_ptr<NodeCodegen> rows_;
  std::unique_ptr<AggregateCodegen> aggregates_;
  std::set<StageInput> inputs_;
  std::map<std::int32_t, Val> slotValues_; // slots of this stage computed in this chunk
  struct FrontierValue {
    Val masks;                          // Bool values and validity, as masks
    llvm::AllocaInst* values = nullptr; // other types: one element per lane
    plan::ValueType type = plan::ValueType::Bool;
  };
  std::map<plan::NodeId, FrontierValue> frontier_;
  llvm::Value* base_ = nullptr;
  llvm::Value* bitmapByte_ = nullptr; // the chunk's first byte in a validity bitmap
  unsigned lanes_;
  llvm::IntegerType* laneBits_;
};

} // namespace seg::jit
