// The chunk loop of a stage kernel: whole chunks only, read and written in place.
#include "codegen/StageCodegen.h"

#include "codegen/LoopBuilder.h"

#include <llvm/IR/Constants.h>
#include <stdexcept>

namespace seg::jit {

using plan::NodeId;
using plan::Op;
using plan::ValueType;

StageCodegen::StageCodegen(ModuleContext& m, const StagePlan& stage,
                           const std::vector<bool>& uniform)
    : m_(m), stage_(stage), uniform_(uniform), b_(m.context), lanes_(m.lanes),
      laneBits_(llvm::IntegerType::get(m.context, m.lanes)) {}

StageCodegen::~StageCodegen() = default;

std::uint64_t StageCodegen::widthOf(ValueType type) const {
  return m_.storageType(type)->getPrimitiveSizeInBits() / 8;
}

llvm::Function* StageCodegen::emit(const std::string& name) {
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(m_.context),
                                       {m_.ptr, m_.i64, m_.i64, m_.ptr}, false);
  auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, m_.module.get());
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  fn->addParamAttr(0, llvm::Attribute::NoAlias);
  fn->addParamAttr(0, llvm::Attribute::NoCapture);
  fn->addParamAttr(0, llvm::Attribute::ReadOnly);
  fn->addParamAttr(3, llvm::Attribute::NoAlias);
  auto arg = fn->arg_begin();
  llvm::Value* args = &*arg++;
  llvm::Value* begin = &*arg++;
  llvm::Value* end = &*arg++;
  llvm::Value* scratch = &*arg;

  f_ = std::make_unique<FunctionContext>(m_, fn, args, scratch);

  rows_ = std::make_unique<NodeCodegen>(*f_, b_, lanes_, *this);
  aggregates_ = std::make_unique<AggregateCodegen>(*f_, b_, stage_, uniform_);
  inputs_.insert(stage_.inputs.begin(), stage_.inputs.end());

  // for (base = begin; base < end; base += lanes): the caller passes whole chunks only.
  b_.SetInsertPoint(f_->bodyBlock());
  CountedLoop chunks(*f_, b_, {"chunk", "chunk.body", "exit", "base"});
  llvm::Value* base = chunks.open(begin, end, lanes_);
  base_ = base;
  bitmapByte_ = b_.CreateLShr(base, 3, "byte");
  emitFrontier();
  aggregates_->emit(base_, b_.getInt64(lanes_), [this](NodeId id, llvm::Value* lane) {
    const FrontierValue& v = frontier_.at(id);
    auto bit = [&](llvm::Value* bits) {
      return bits ? b_.CreateExtractElement(bits, lane) : nullptr;
    };
    Val scalar{nullptr, bit(v.masks.valid)};
    if (v.type == ValueType::Bool) {
      scalar.value = bit(v.masks.value);
    } else {
      llvm::Type* element = m_.storageType(v.type);
      scalar.value = b_.CreateLoad(element, b_.CreateInBoundsGEP(element, v.values, lane));
    }
    return scalar;
  });
  emitSlots();
  chunks.close();
  b_.CreateRetVoid();
  return fn;
}

Val StageCodegen::loadInput(const StageInput& key) {
  auto it = inputs_.find(key);
  if (it == inputs_.end()) throw std::logic_error("a stage input was not planned");
  const StageInput& spec = *it;
  ArgKind values = spec.op == Op::ContactField ? ArgKind::ContactValues
                   : spec.op == Op::Slot       ? ArgKind::SlotValues
                                               : ArgKind::RankValues;
  ArgKind validity = spec.op == Op::ContactField ? ArgKind::ContactValidity
                     : spec.op == Op::Slot       ? ArgKind::SlotValidity
                                                 : ArgKind::RankValidity;
  llvm::Type* element = m_.storageType(spec.type);
  llvm::Value* chunk = b_.CreateInBoundsGEP(element, f_->argPointer({values, spec.index}), base_);
  llvm::Value* raw =
      b_.CreateAlignedLoad(rows_->vectorOf(element), chunk, llvm::Align(widthOf(spec.type)), "in");
  Val v{rows_->fromStorage(raw, spec.type), nullptr};
  if (spec.readValidity) {
    llvm::Value* bitmap = f_->argPointer({validity, spec.index});
    llvm::Value* bits = b_.CreateAlignedLoad(
        laneBits_, b_.CreateInBoundsGEP(m_.i8, bitmap, bitmapByte_), llvm::Align(lanes_ / 8));
    v.valid = b_.CreateBitCast(bits, rows_->maskType(), "in.valid");
  }
  return v;
}

std::optional<Val> StageCodegen::leaf(NodeId id) {
  const plan::Node& n = m_.plan.nodes[id];
  switch (n.op) {
  case Op::ContactField:
    return loadInput({Op::ContactField, n.index});
  case Op::Rank:
    return loadInput({Op::Rank, n.index});
  case Op::Slot: {
    const plan::Slot& slot = m_.plan.slots[n.index];
    if (slot.stage != stage_.stage) return loadInput({Op::Slot, n.index});
    auto it = slotValues_.find(n.index);
    if (it == slotValues_.end())
      throw std::logic_error("slot '" + slot.name + "' is read before it is computed");
    return it->second;
  }
  case Op::Aggregate: {
    const AggregateBuffer& buffer = aggregates_->buffers().at(n.index);
    llvm::Type* storage = rows_->vectorOf(m_.storageType(buffer.type));
    Val v{rows_->fromStorage(b_.CreateAlignedLoad(storage, buffer.values, llvm::Align(64)),
                             buffer.type),
          nullptr};
    if (buffer.valid) {
      llvm::Value* bytes =
          b_.CreateAlignedLoad(rows_->vectorOf(m_.i8), buffer.valid, llvm::Align(64));
      v.valid = rows_->fromStorage(bytes, ValueType::Bool);
    }
    return v;
  }
  default:
    return std::nullopt;
  }
}

// Contact-scope values that aggregate filters read, computed for the whole chunk and
// kept where the per-lane event loops can pick out their lane.
void StageCodegen::emitFrontier() {
  for (NodeId id : stage_.frontier) {
    Val v = rows_->emit(id);
    FrontierValue out;
    out.type = m_.plan.nodes[id].type;
    out.masks.valid = v.valid;
    if (out.type == ValueType::Bool) {
      out.masks.value = v.value;
    } else {
      out.values = f_->stackBuffer(m_.storageType(out.type), lanes_, "frontier");
      b_.CreateAlignedStore(v.value, out.values, llvm::Align(64));
    }
    frontier_[id] = out;
  }
}

void StageCodegen::emitSlots() {
  for (std::int32_t index : stage_.slots) {
    const plan::Slot& slot = m_.plan.slots[index];
    Val v = rows_->emit(slot.expr);
    // A segment is its membership: unknown means "not a member", never null.
    if (slot.kind == plan::SlotKind::Segment) v = {rows_->trueBits(v), nullptr};
    slotValues_[index] = v;

    // Null rows hold zero bytes, as the reference writes them.
    llvm::Value* value = v.value;
    if (v.valid) {
      if (slot.type == ValueType::Bool)
        value = b_.CreateAnd(value, v.valid);
      else
        value = b_.CreateSelect(v.valid, value, llvm::Constant::getNullValue(value->getType()));
    }
    llvm::Value* values = f_->argPointer({ArgKind::SlotValues, index});
    llvm::Value* bitmap = f_->argPointer({ArgKind::SlotValidity, index});
    llvm::Value* to = b_.CreateInBoundsGEP(m_.storageType(slot.type), values, base_);
    b_.CreateAlignedStore(rows_->toStorage(value, slot.type), to, llvm::Align(widthOf(slot.type)));
    llvm::Value* bits = b_.CreateBitCast(v.valid ? v.valid : rows_->allOnes(), laneBits_);
    b_.CreateAlignedStore(bits, b_.CreateInBoundsGEP(m_.i8, bitmap, bitmapByte_),
                          llvm::Align(lanes_ / 8));
  }
}

} // namespace seg::jit
