// Event aggregates per contact: the loop over a chunk's lanes, the windows of each event
// type, and what needs no loop at all (counts, existence and first/last without a filter:
// index arithmetic on the window). The loop over events is AggregateLoopCodegen.cpp,
// sequences SequenceCodegen.cpp. Semantics mirror runtime/exec/EventAggregates.cpp exactly
// (window bounds, null handling, summation order).
#include "codegen/AggregateCodegen.h"

#include "codegen/LoopBuilder.h"

#include <algorithm>
#include <limits>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Intrinsics.h>
#include <stdexcept>

namespace seg::jit {

using plan::AggregateFn;
using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

namespace {

bool mayBeNull(AggregateFn fn) {
  switch (fn) {
  case AggregateFn::Avg:
  case AggregateFn::Min:
  case AggregateFn::Max:
  case AggregateFn::First:
  case AggregateFn::Last:
    return true;
  default:
    return false;
  }
}

// Answerable from the window's bounds alone, without visiting events.
bool fromBoundsAlone(const plan::Aggregate& a) {
  if (a.filter != plan::kNoNode) return false;
  switch (a.fn) {
  case AggregateFn::Count:
  case AggregateFn::Exists:
  case AggregateFn::First:
  case AggregateFn::Last:
    return true;
  case AggregateFn::Decayed:
    return !a.halfLifeMicros;
  default:
    return false;
  }
}

} // namespace

// The leaves of Event-scope expressions: properties of the event at `index_`, and the
// current lane's contact-scope values.
class AggregateCodegen::EventWorld final : public LeafSource {
public:
  EventWorld(AggregateCodegen& owner, std::int32_t eventType, llvm::Value* index)
      : owner_(owner), eventType_(eventType), index_(index) {}

  std::optional<Val> leaf(NodeId id) override {
    const Node& n = owner_.f_.m.plan.nodes[id];
    if (n.scope == plan::Scope::Contact && !owner_.uniform_[id]) {
      auto it = owner_.laneFrontier_.find(id);
      if (it == owner_.laneFrontier_.end())
        throw std::logic_error("contact value %" + std::to_string(id) + " missing in a filter");
      return it->second;
    }
    if (n.op == Op::EventField && n.eventType == eventType_)
      return owner_.loadProperty(eventType_, n.index, n.type, index_, n.nullable);
    return std::nullopt;
  }

private:
  AggregateCodegen& owner_;
  std::int32_t eventType_;
  llvm::Value* index_;
};

AggregateCodegen::AggregateCodegen(FunctionContext& f, llvm::IRBuilder<>& b, const StagePlan& stage,
                                   const std::vector<bool>& uniform)
    : f_(f), b_(b), stage_(stage), uniform_(uniform) {
  auto allocate = [&](std::int32_t index) {
    const plan::Aggregate& a = f_.m.plan.aggregates[index];
    AggregateBuffer buffer;
    buffer.type = a.type;
    buffer.values =
        f_.stackBuffer(f_.m.storageType(a.type), f_.m.lanes, "agg" + llvm::Twine(index));
    if (mayBeNull(a.fn))
      buffer.valid = f_.stackBuffer(f_.m.i8, f_.m.lanes, "agg" + llvm::Twine(index) + ".valid");
    buffers_[index] = buffer;
  };
  for (const auto& [eventType, aggregates] : stage.aggregates)
    for (std::int32_t a : aggregates)
      allocate(a);
  for (std::int32_t a : stage.sequences)
    allocate(a);
}

// ------------------------------------------------------------------ helpers

llvm::Value* AggregateCodegen::loadAt(std::int32_t eventType, llvm::Value* index) {
  llvm::Value* at = f_.argPointer({ArgKind::EventValues, eventType, 0});
  return b_.CreateAlignedLoad(f_.m.i64, b_.CreateInBoundsGEP(f_.m.i64, at, index), llvm::Align(8));
}

Val AggregateCodegen::loadProperty(std::int32_t eventType, std::int32_t property, ValueType type,
                                   llvm::Value* index, bool readValidity) {
  llvm::Type* storage = f_.m.storageType(type);
  llvm::Value* values = f_.argPointer({ArgKind::EventValues, eventType, property});
  llvm::Value* raw = b_.CreateAlignedLoad(storage, b_.CreateInBoundsGEP(storage, values, index),
                                          llvm::Align(storage->getPrimitiveSizeInBits() / 8));
  Val v{raw, nullptr};
  if (type == ValueType::Bool) v.value = b_.CreateICmpNE(raw, b_.getInt8(0));
  if (readValidity) {
    llvm::Value* bitmap = f_.argPointer({ArgKind::EventValidity, eventType, property});
    llvm::Value* word = b_.CreateAlignedLoad(
        f_.m.i64, b_.CreateInBoundsGEP(f_.m.i64, bitmap, b_.CreateLShr(index, 6)), llvm::Align(8));
    v.valid = b_.CreateTrunc(b_.CreateLShr(word, b_.CreateAnd(index, 63)), f_.m.i1);
  }
  return v;
}

// A property of any kind as 64 bits: bools, enum values and codes zero-extended, ints and
// floats as stored. The width is bound at run time (the plan does not record it), so the
// load is a three-way branch the CPU predicts perfectly.
Val AggregateCodegen::loadAnyProperty(std::int32_t eventType, std::int32_t property,
                                      llvm::Value* index) {
  llvm::Value* width = f_.argWord({ArgKind::PropertyWidth, eventType, property});
  llvm::Value* values = f_.argPointer({ArgKind::EventValues, eventType, property});
  llvm::BasicBlock* one = f_.newBlock("any.byte");
  llvm::BasicBlock* four = f_.newBlock("any.word");
  llvm::BasicBlock* eight = f_.newBlock("any.long");
  llvm::BasicBlock* join = f_.newBlock("any.join");
  llvm::SwitchInst* choose = b_.CreateSwitch(width, eight, 2);
  choose->addCase(b_.getInt64(1), one);
  choose->addCase(b_.getInt64(4), four);
  auto load = [&](llvm::BasicBlock* block, llvm::Type* type) {
    b_.SetInsertPoint(block);
    llvm::Value* v = b_.CreateLoad(type, b_.CreateInBoundsGEP(type, values, index));
    llvm::Value* wide = type == f_.m.i64 ? v : b_.CreateZExt(v, f_.m.i64);
    b_.CreateBr(join);
    return std::pair{wide, block};
  };
  auto [byteValue, byteBlock] = load(one, f_.m.i8);
  auto [wordValue, wordBlock] = load(four, f_.m.i32);
  auto [longValue, longBlock] = load(eight, f_.m.i64);
  b_.SetInsertPoint(join);
  llvm::PHINode* value = b_.CreatePHI(f_.m.i64, 3);
  value->addIncoming(byteValue, byteBlock);
  value->addIncoming(wordValue, wordBlock);
  value->addIncoming(longValue, longBlock);
  llvm::Value* bitmap = f_.argPointer({ArgKind::EventValidity, eventType, property});
  llvm::Value* word = b_.CreateAlignedLoad(
      f_.m.i64, b_.CreateInBoundsGEP(f_.m.i64, bitmap, b_.CreateLShr(index, 6)), llvm::Align(8));
  return {value, b_.CreateTrunc(b_.CreateLShr(word, b_.CreateAnd(index, 63)), f_.m.i1)};
}

llvm::Value* AggregateCodegen::filterHolds(NodeId filter, std::int32_t eventType,
                                           llvm::Value* index) {
  if (filter == plan::kNoNode) return b_.getTrue();
  EventWorld world(*this, eventType, index);
  NodeCodegen gen(f_, b_, 1, world);
  return gen.trueBits(gen.emit(filter));
}

AggregateCodegen::Range AggregateCodegen::eventsOf(std::int32_t eventType, llvm::Value* row) {
  llvm::Value* offsets = f_.argPointer({ArgKind::EventOffsets, eventType});
  auto load = [&](llvm::Value* i) {
    llvm::Value* v =
        b_.CreateAlignedLoad(f_.m.i32, b_.CreateInBoundsGEP(f_.m.i32, offsets, i), llvm::Align(4));
    return b_.CreateZExt(v, f_.m.i64);
  };
  return {load(row), load(b_.CreateAdd(row, b_.getInt64(1)))};
}

// The first index in [lo, hi) whose `at` exceeds `key` (std::upper_bound), as a small
// branch-free binary search function the inliner folds into its callers.
llvm::Value* AggregateCodegen::upperBound(llvm::Value* at, llvm::Value* lo, llvm::Value* hi,
                                          llvm::Value* key) {
  if (!upperBound_) {
    ModuleContext& m = f_.m;
    auto* type = llvm::FunctionType::get(m.i64, {m.ptr, m.i64, m.i64, m.i64}, false);
    upperBound_ = llvm::Function::Create(type, llvm::Function::InternalLinkage, "seg.upper_bound",
                                         m.module.get());
    upperBound_->addFnAttr(llvm::Attribute::AlwaysInline);
    upperBound_->addFnAttr(llvm::Attribute::NoUnwind);
    auto args = upperBound_->arg_begin();
    llvm::Value* values = &*args++;
    llvm::Value* first = &*args++;
    llvm::Value* last = &*args++;
    llvm::Value* k = &*args;
    auto* entry = llvm::BasicBlock::Create(m.context, "entry", upperBound_);
    auto* loop = llvm::BasicBlock::Create(m.context, "loop", upperBound_);
    auto* step = llvm::BasicBlock::Create(m.context, "step", upperBound_);
    auto* done = llvm::BasicBlock::Create(m.context, "done", upperBound_);
    llvm::IRBuilder<> b(entry);
    b.CreateBr(loop);
    b.SetInsertPoint(loop);
    llvm::PHINode* l = b.CreatePHI(m.i64, 2);
    llvm::PHINode* h = b.CreatePHI(m.i64, 2);
    b.CreateCondBr(b.CreateICmpULT(l, h), step, done);
    b.SetInsertPoint(step);
    llvm::Value* mid = b.CreateAdd(l, b.CreateLShr(b.CreateSub(h, l), 1));
    llvm::Value* v =
        b.CreateAlignedLoad(m.i64, b.CreateInBoundsGEP(m.i64, values, mid), llvm::Align(8));
    llvm::Value* after = b.CreateICmpSGT(v, k);
    l->addIncoming(first, entry);
    h->addIncoming(last, entry);
    l->addIncoming(b.CreateSelect(after, l, b.CreateAdd(mid, b.getInt64(1))), step);
    h->addIncoming(b.CreateSelect(after, mid, h), step);
    b.CreateBr(loop);
    b.SetInsertPoint(done);
    b.CreateRet(l);
  }
  return b_.CreateCall(upperBound_, {at, lo, hi, key});
}

llvm::Value* AggregateCodegen::saturatingAdd(llvm::Value* a, std::int64_t b) {
  // The reference saturates to INT64_MAX on any overflow.
  llvm::Value* sum =
      b_.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, a, b_.getInt64(b));
  return b_.CreateSelect(b_.CreateExtractValue(sum, 1),
                         b_.getInt64(std::numeric_limits<std::int64_t>::max()),
                         b_.CreateExtractValue(sum, 0));
}

void AggregateCodegen::store(std::int32_t aggregate, llvm::Value* lane, llvm::Value* value,
                             llvm::Value* valid) {
  const AggregateBuffer& buffer = buffers_.at(aggregate);
  llvm::Type* storage = f_.m.storageType(buffer.type);
  if (buffer.type == ValueType::Bool) value = b_.CreateZExt(value, f_.m.i8);
  b_.CreateStore(value, b_.CreateInBoundsGEP(storage, buffer.values, lane));
  if (buffer.valid)
    b_.CreateStore(b_.CreateZExt(valid ? valid : b_.getTrue(), f_.m.i8),
                   b_.CreateInBoundsGEP(f_.m.i8, buffer.valid, lane));
}

// ------------------------------------------------------------------ lanes

void AggregateCodegen::emit(llvm::Value* base, llvm::Value* count, const FrontierAt& frontier) {
  if (buffers_.empty()) return;
  CountedLoop lanes(f_, b_, {"lane", "lane.body", "lane.exit", "lane"});
  llvm::Value* lane = lanes.open(b_.getInt64(0), count);
  llvm::Value* row = b_.CreateAdd(base, lane, "row");
  laneFrontier_.clear();
  for (NodeId id : stage_.frontier)
    laneFrontier_[id] = frontier(id, lane);
  for (const auto& [eventType, aggregates] : stage_.aggregates)
    emitGroup(eventType, aggregates, row, lane);
  for (std::int32_t a : stage_.sequences)
    emitSequence(a, row, lane);
  lanes.close();
}

// ------------------------------------------------------------------ one event type

// Window bounds, shared by the aggregates of one event type with the same window:
// now − window < at ≤ now, and the end never before the start.
class AggregateCodegen::Windows {
public:
  Windows(AggregateCodegen& owner, std::int32_t eventType, Range all)
      : owner_(owner), eventType_(eventType), all_(all),
        at_(owner.f_.argPointer({ArgKind::EventValues, eventType, 0})), now_(owner.f_.now()) {}

  Range of(const plan::Aggregate& a) {
    if (!a.windowMicros) return all_;
    std::int64_t w = *a.windowMicros;
    if (auto it = windows_.find(w); it != windows_.end()) return it->second;
    llvm::IRBuilder<>& b = owner_.b_;
    if (!endAtNow_) endAtNow_ = searchEndAtNow();
    llvm::Value* low =
        b.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, now_, b.getInt64(w));
    llvm::Value* from =
        b.CreateSelect(b.CreateExtractValue(low, 1), all_.begin,
                       owner_.upperBound(at_, all_.begin, all_.end, b.CreateExtractValue(low, 0)));
    llvm::Value* to = b.CreateSelect(b.CreateICmpUGT(from, endAtNow_), from, endAtNow_);
    return windows_[w] = Range{from, to};
  }

private:
  // The end of the events not after now. Usually no event is after now: check the last one
  // before searching.
  llvm::Value* searchEndAtNow() {
    llvm::IRBuilder<>& b = owner_.b_;
    FunctionContext& f = owner_.f_;
    llvm::Value* nonEmpty = b.CreateICmpUGT(all_.end, all_.begin);
    llvm::Value* lastIndex =
        b.CreateSelect(nonEmpty, b.CreateSub(all_.end, b.getInt64(1)), all_.end);
    llvm::BasicBlock* check = f.newBlock("now.check");
    llvm::BasicBlock* search = f.newBlock("now.search");
    llvm::BasicBlock* done = f.newBlock("now.done");
    llvm::BasicBlock* from = b.GetInsertBlock();
    b.CreateCondBr(nonEmpty, check, done);
    b.SetInsertPoint(check);
    llvm::Value* allPast = b.CreateICmpSLE(owner_.loadAt(eventType_, lastIndex), now_);
    b.CreateCondBr(allPast, done, search);
    b.SetInsertPoint(search);
    llvm::Value* found = owner_.upperBound(at_, all_.begin, all_.end, now_);
    llvm::BasicBlock* searched = b.GetInsertBlock();
    b.CreateBr(done);
    b.SetInsertPoint(done);
    llvm::PHINode* end = b.CreatePHI(f.m.i64, 3, "end.now");
    end->addIncoming(all_.end, from);
    end->addIncoming(all_.end, check);
    end->addIncoming(found, searched);
    return end;
  }

  AggregateCodegen& owner_;
  std::int32_t eventType_;
  Range all_;
  llvm::Value* at_;
  llvm::Value* now_;
  llvm::Value* endAtNow_ = nullptr;
  std::map<std::int64_t, Range> windows_;
};

void AggregateCodegen::emitGroup(std::int32_t eventType, const std::vector<std::int32_t>& aggs,
                                 llvm::Value* row, llvm::Value* lane) {
  const plan::Plan& plan = f_.m.plan;
  Windows windows(*this, eventType, eventsOf(eventType, row));
  std::vector<std::int32_t> looped;
  Ranges ranges;
  for (std::int32_t index : aggs) {
    const plan::Aggregate& a = plan.aggregates[index];
    Range r = windows.of(a);
    ranges[index] = r;
    if (fromBoundsAlone(a))
      emitFromBounds(index, eventType, r, lane);
    else
      looped.push_back(index);
  }
  if (!looped.empty()) emitEventLoop(eventType, looped, ranges, lane);
}

// Count, existence and first/last without a filter: from the window's bounds.
void AggregateCodegen::emitFromBounds(std::int32_t index, std::int32_t eventType, Range r,
                                      llvm::Value* lane) {
  const plan::Aggregate& a = f_.m.plan.aggregates[index];
  llvm::Value* count = b_.CreateSub(r.end, r.begin);
  switch (a.fn) {
  case AggregateFn::Count:
    store(index, lane, count, nullptr);
    break;
  case AggregateFn::Exists:
    store(index, lane, b_.CreateICmpUGT(r.end, r.begin), nullptr);
    break;
  case AggregateFn::Decayed:
    store(index, lane, b_.CreateUIToFP(count, f_.m.f64), nullptr);
    break;
  default: { // First, Last: the property of the window's first or last event
    llvm::Value* nonEmpty = b_.CreateICmpUGT(r.end, r.begin);
    llvm::BasicBlock* from = b_.GetInsertBlock();
    llvm::BasicBlock* load = f_.newBlock("edge.load");
    llvm::BasicBlock* join = f_.newBlock("edge.join");
    b_.CreateCondBr(nonEmpty, load, join);
    b_.SetInsertPoint(load);
    llvm::Value* index64 =
        a.fn == AggregateFn::First ? r.begin : b_.CreateSub(r.end, b_.getInt64(1));
    Val v = loadProperty(eventType, a.property, a.type, index64, a.property != 0);
    llvm::BasicBlock* loaded = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* value = b_.CreatePHI(v.value->getType(), 2);
    value->addIncoming(llvm::Constant::getNullValue(v.value->getType()), from);
    value->addIncoming(v.value, loaded);
    llvm::PHINode* valid = b_.CreatePHI(f_.m.i1, 2);
    valid->addIncoming(b_.getFalse(), from);
    valid->addIncoming(v.valid ? v.valid : b_.getTrue(), loaded);
    store(index, lane, value, valid);
    break;
  }
  }
}

} // namespace seg::jit
