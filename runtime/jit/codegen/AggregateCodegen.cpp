// Event aggregates per contact. Counts, existence and first/last without a filter need no
// loop at all (index arithmetic on the window); everything else shares one loop per
// event type whose body is branch-free selects, so accumulators stay in registers.
// Semantics mirror runtime/exec/EventAggregates.cpp exactly (window bounds, null
// handling, summation order).
#include "codegen/AggregateCodegen.h"

#include "base/CivilTime.h"

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

using base::kMicrosPerDay;

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
  llvm::BasicBlock* preheader = b_.GetInsertBlock();
  llvm::BasicBlock* header = f_.newBlock("lane");
  llvm::BasicBlock* body = f_.newBlock("lane.body");
  llvm::BasicBlock* exit = f_.newBlock("lane.exit");
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* lane = b_.CreatePHI(f_.m.i64, 2, "lane");
  lane->addIncoming(b_.getInt64(0), preheader);
  b_.CreateCondBr(b_.CreateICmpULT(lane, count), body, exit);

  b_.SetInsertPoint(body);
  llvm::Value* row = b_.CreateAdd(base, lane, "row");
  laneFrontier_.clear();
  for (NodeId id : stage_.frontier)
    laneFrontier_[id] = frontier(id, lane);
  for (const auto& [eventType, aggregates] : stage_.aggregates)
    emitGroup(eventType, aggregates, row, lane);
  for (std::int32_t a : stage_.sequences)
    emitSequence(a, row, lane);
  lane->addIncoming(b_.CreateAdd(lane, b_.getInt64(1)), b_.GetInsertBlock());
  b_.CreateBr(header);
  b_.SetInsertPoint(exit);
}

// ------------------------------------------------------------------ one event type

struct AggregateCodegen::Accumulator {
  llvm::AllocaInst* count = nullptr; // i64: Count, Avg, Days
  llvm::AllocaInst* flag = nullptr;  // i1: Exists, found / has
  llvm::AllocaInst* value = nullptr; // Sum, Avg, Decayed sums; Min/Max best; First/Last
  llvm::AllocaInst* valid = nullptr; // i1: First/Last value's validity
  llvm::AllocaInst* day = nullptr;   // i64: Days, the last day counted
  llvm::Value* values = nullptr;     // Distinct: where this contact's values are collected
};

void AggregateCodegen::emitGroup(std::int32_t eventType, const std::vector<std::int32_t>& aggs,
                                 llvm::Value* row, llvm::Value* lane) {
  const plan::Plan& plan = f_.m.plan;
  Range all = eventsOf(eventType, row);
  llvm::Value* at = f_.argPointer({ArgKind::EventValues, eventType, 0});
  llvm::Value* now = f_.now();

  // Window bounds, shared by the aggregates with the same window:
  // now − window < at ≤ now, and the end never before the start.
  llvm::Value* endAtNow = nullptr;
  std::map<std::int64_t, Range> windows;
  auto rangeOf = [&](const plan::Aggregate& a) -> Range {
    if (!a.windowMicros) return all;
    std::int64_t w = *a.windowMicros;
    if (auto it = windows.find(w); it != windows.end()) return it->second;
    if (!endAtNow) {
      // Usually no event is after now: check the last one before searching.
      llvm::Value* nonEmpty = b_.CreateICmpUGT(all.end, all.begin);
      llvm::Value* lastIndex =
          b_.CreateSelect(nonEmpty, b_.CreateSub(all.end, b_.getInt64(1)), all.end);
      llvm::BasicBlock* check = f_.newBlock("now.check");
      llvm::BasicBlock* search = f_.newBlock("now.search");
      llvm::BasicBlock* done = f_.newBlock("now.done");
      llvm::BasicBlock* from = b_.GetInsertBlock();
      b_.CreateCondBr(nonEmpty, check, done);
      b_.SetInsertPoint(check);
      llvm::Value* allPast = b_.CreateICmpSLE(loadAt(eventType, lastIndex), now);
      b_.CreateCondBr(allPast, done, search);
      b_.SetInsertPoint(search);
      llvm::Value* found = upperBound(at, all.begin, all.end, now);
      llvm::BasicBlock* searched = b_.GetInsertBlock();
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      llvm::PHINode* end = b_.CreatePHI(f_.m.i64, 3, "end.now");
      end->addIncoming(all.end, from);
      end->addIncoming(all.end, check);
      end->addIncoming(found, searched);
      endAtNow = end;
    }
    llvm::Value* low =
        b_.CreateBinaryIntrinsic(llvm::Intrinsic::ssub_with_overflow, now, b_.getInt64(w));
    llvm::Value* from =
        b_.CreateSelect(b_.CreateExtractValue(low, 1), all.begin,
                        upperBound(at, all.begin, all.end, b_.CreateExtractValue(low, 0)));
    llvm::Value* to = b_.CreateSelect(b_.CreateICmpUGT(from, endAtNow), from, endAtNow);
    return windows[w] = Range{from, to};
  };

  std::vector<std::int32_t> looped;
  std::map<std::int32_t, Range> ranges;
  for (std::int32_t index : aggs) {
    const plan::Aggregate& a = plan.aggregates[index];
    Range r = rangeOf(a);
    ranges[index] = r;
    if (!fromBoundsAlone(a)) {
      looped.push_back(index);
      continue;
    }
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
  if (looped.empty()) return;

  // One loop over the union of the windows of every aggregate that visits events.
  llvm::Value* loopBegin = nullptr;
  llvm::Value* loopEnd = nullptr;
  for (std::int32_t index : looped) {
    const Range& r = ranges[index];
    loopBegin = loopBegin
                    ? b_.CreateSelect(b_.CreateICmpULT(r.begin, loopBegin), r.begin, loopBegin)
                    : r.begin;
    loopEnd = loopEnd ? b_.CreateSelect(b_.CreateICmpUGT(r.end, loopEnd), r.end, loopEnd) : r.end;
  }

  // Distinct collects the values of the visited events in the call's scratch memory (one
  // region per aggregate, as long as the loop), then counts them with the interpreter's
  // own algorithm.
  std::vector<std::int32_t> distinct;
  for (std::int32_t index : looped)
    if (plan.aggregates[index].fn == AggregateFn::Distinct) distinct.push_back(index);
  llvm::Value* regionWords = b_.CreateSub(loopEnd, loopBegin);
  llvm::Value* regions = nullptr;
  if (!distinct.empty())
    regions =
        b_.CreateCall(f_.m.helper(Helper::Reserve),
                      {f_.scratch(), b_.CreateMul(regionWords, b_.getInt64(distinct.size()))});

  std::map<std::int32_t, Accumulator> acc;
  for (std::int32_t index : looped) {
    const plan::Aggregate& a = plan.aggregates[index];
    Accumulator s;
    auto init = [&](llvm::Type* type, llvm::Value* value) {
      llvm::AllocaInst* slot = f_.stackBuffer(type, 1);
      b_.CreateStore(value, slot);
      return slot;
    };
    llvm::Type* valueType = f_.m.storageType(a.type);
    if (a.type == ValueType::Bool) valueType = f_.m.i1;
    s.count = init(f_.m.i64, b_.getInt64(0));
    s.flag = init(f_.m.i1, b_.getFalse());
    s.value = init(valueType, llvm::Constant::getNullValue(valueType));
    s.valid = init(f_.m.i1, b_.getFalse());
    s.day = init(f_.m.i64, b_.getInt64(0));
    if (a.fn == AggregateFn::Distinct) {
      auto k = static_cast<std::uint64_t>(std::find(distinct.begin(), distinct.end(), index) -
                                          distinct.begin());
      s.values = b_.CreateInBoundsGEP(f_.m.i64, regions, b_.CreateMul(regionWords, b_.getInt64(k)));
    }
    acc[index] = s;
  }

  llvm::BasicBlock* preheader = b_.GetInsertBlock();
  llvm::BasicBlock* header = f_.newBlock("events");
  llvm::BasicBlock* body = f_.newBlock("events.body");
  llvm::BasicBlock* exit = f_.newBlock("events.exit");
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* i = b_.CreatePHI(f_.m.i64, 2, "event");
  i->addIncoming(loopBegin, preheader);
  b_.CreateCondBr(b_.CreateICmpULT(i, loopEnd), body, exit);
  b_.SetInsertPoint(body);

  // Every filter once per event, before any update (updates may branch).
  std::map<NodeId, llvm::Value*> holds;
  for (std::int32_t index : looped) {
    NodeId filter = plan.aggregates[index].filter;
    if (!holds.count(filter)) holds[filter] = filterHolds(filter, eventType, i);
  }
  llvm::Value* eventAt = nullptr;
  auto atOfEvent = [&] { return eventAt ? eventAt : (eventAt = loadAt(eventType, i)); };

  std::map<std::int64_t, std::vector<std::pair<Accumulator*, llvm::Value*>>> decayed;
  for (std::int32_t index : looped) {
    const plan::Aggregate& a = plan.aggregates[index];
    const Range& r = ranges[index];
    Accumulator& s = acc[index];
    llvm::Value* match = holds[a.filter];
    if (r.begin != loopBegin || r.end != loopEnd)
      match = b_.CreateAnd(match,
                           b_.CreateAnd(b_.CreateICmpUGE(i, r.begin), b_.CreateICmpULT(i, r.end)));
    auto load = [&](llvm::AllocaInst* slot) {
      return b_.CreateLoad(slot->getAllocatedType(), slot);
    };
    auto put = [&](llvm::AllocaInst* slot, llvm::Value* v) { b_.CreateStore(v, slot); };
    auto countIf = [&](llvm::Value* cond) {
      put(s.count, b_.CreateAdd(load(s.count), b_.CreateZExt(cond, f_.m.i64)));
    };

    // The property as a double (Avg, and Sum into a float), whatever its integer or
    // float representation: the kind is bound at run time from the store's schema.
    auto propertyAsDouble = [&](Val& raw) {
      llvm::Value* isFloat = b_.CreateICmpNE(
          f_.argWord({ArgKind::PropertyIsFloat, a.eventType, a.property}), b_.getInt64(0));
      return b_.CreateSelect(isFloat, b_.CreateBitCast(raw.value, f_.m.f64),
                             b_.CreateSIToFP(raw.value, f_.m.f64));
    };

    switch (a.fn) {
    case AggregateFn::Count:
      countIf(match);
      break;
    case AggregateFn::Exists:
      put(s.flag, b_.CreateOr(load(s.flag), match));
      break;
    case AggregateFn::Sum:
    case AggregateFn::Avg: {
      const bool intSum = a.fn == AggregateFn::Sum && a.type != ValueType::Float;
      // Both representations are 8 bytes: load the bits, interpret them below.
      Val v = loadProperty(eventType, a.property, ValueType::Int, i, a.property != 0);
      llvm::Value* cond = v.valid ? b_.CreateAnd(match, v.valid) : match;
      llvm::Value* sum = load(s.value);
      llvm::Value* next =
          intSum ? b_.CreateAdd(sum, v.value) : b_.CreateFAdd(sum, propertyAsDouble(v));
      put(s.value, b_.CreateSelect(cond, next, sum));
      if (a.fn == AggregateFn::Avg) countIf(cond);
      break;
    }
    case AggregateFn::Min:
    case AggregateFn::Max: {
      Val v = loadProperty(eventType, a.property, a.type, i, a.property != 0);
      llvm::Value* cond = v.valid ? b_.CreateAnd(match, v.valid) : match;
      llvm::Value* best = load(s.value);
      llvm::Value* x = a.fn == AggregateFn::Min ? v.value : best;
      llvm::Value* y = a.fn == AggregateFn::Min ? best : v.value;
      llvm::Value* less = nullptr;
      switch (a.type) {
      case ValueType::String: {
        // Codes compare by their texts' positions in the bound text-order table. A code
        // outside the dictionary reads as null, as in the reference; clamped, it still
        // indexes the table (which has a spare entry).
        llvm::Value* size = b_.CreateTrunc(
            f_.argWord({ArgKind::PropertyDictionarySize, a.eventType, a.property}), f_.m.i32);
        llvm::Value* order = f_.argPointer({ArgKind::PropertyTextOrder, a.eventType, a.property});
        cond = b_.CreateAnd(cond, b_.CreateICmpULT(v.value, size));
        auto position = [&](llvm::Value* code) {
          llvm::Value* entry = b_.CreateSelect(b_.CreateICmpULT(code, size), code, size);
          llvm::Value* at = b_.CreateInBoundsGEP(f_.m.i32, order, b_.CreateZExt(entry, f_.m.i64));
          return b_.CreateAlignedLoad(f_.m.i32, at, llvm::Align(4));
        };
        less = b_.CreateICmpULT(position(x), position(y));
        break;
      }
      case ValueType::Float:
        less = b_.CreateFCmpOLT(x, y);
        break;
      case ValueType::Bool:
      case ValueType::Enum:
        less = b_.CreateICmpULT(x, y);
        break;
      default:
        less = b_.CreateICmpSLT(x, y);
        break;
      }
      llvm::Value* has = load(s.flag);
      llvm::Value* take = b_.CreateAnd(cond, b_.CreateOr(b_.CreateNot(has), less));
      put(s.value, b_.CreateSelect(take, v.value, best));
      put(s.flag, b_.CreateOr(has, cond));
      break;
    }
    case AggregateFn::First:
    case AggregateFn::Last: {
      Val v = loadProperty(eventType, a.property, a.type, i, a.property != 0);
      llvm::Value* found = load(s.flag);
      llvm::Value* take =
          a.fn == AggregateFn::First ? b_.CreateAnd(match, b_.CreateNot(found)) : match;
      put(s.value, b_.CreateSelect(take, v.value, load(s.value)));
      put(s.valid, b_.CreateSelect(take, v.valid ? v.valid : b_.getTrue(), load(s.valid)));
      put(s.flag, b_.CreateOr(found, match));
      break;
    }
    case AggregateFn::Days: {
      // Events come in time order, so distinct days are the changes of day.
      llvm::Value* t = atOfEvent();
      llvm::Value* q = b_.CreateSDiv(t, b_.getInt64(kMicrosPerDay));
      llvm::Value* r = b_.CreateSub(t, b_.CreateMul(q, b_.getInt64(kMicrosPerDay)));
      llvm::Value* day =
          b_.CreateSub(q, b_.CreateZExt(b_.CreateICmpSLT(r, b_.getInt64(0)), f_.m.i64));
      llvm::Value* has = load(s.flag);
      llvm::Value* last = load(s.day);
      llvm::Value* isNew =
          b_.CreateAnd(match, b_.CreateOr(b_.CreateNot(has), b_.CreateICmpNE(day, last)));
      countIf(isNew);
      put(s.day, b_.CreateSelect(match, day, last));
      put(s.flag, b_.CreateOr(has, match));
      break;
    }
    case AggregateFn::Distinct: {
      Val v = loadAnyProperty(eventType, a.property, i);
      llvm::Value* cond = b_.CreateAnd(match, v.valid);
      // Stored at the next free place whether kept or not: only a kept one advances it.
      llvm::Value* n = load(s.count);
      b_.CreateStore(v.value, b_.CreateInBoundsGEP(f_.m.i64, s.values, n));
      countIf(cond);
      break;
    }
    case AggregateFn::Decayed: {
      if (!a.halfLifeMicros) {
        llvm::Value* sum = load(s.value);
        put(s.value,
            b_.CreateSelect(match, b_.CreateFAdd(sum, llvm::ConstantFP::get(f_.m.f64, 1.0)), sum));
        break;
      }
      // Weighted: added below, one pow() per event for every aggregate of a half-life.
      decayed[*a.halfLifeMicros].push_back({&s, match});
      break;
    }
    default:
      throw std::logic_error("the JIT cannot compile this aggregate");
    }
  }
  // pow() only when some aggregate takes the event: a branch, after every filter.
  for (const auto& [halfLife, sums] : decayed) {
    llvm::Value* any = b_.getFalse();
    for (const auto& [s, match] : sums)
      any = b_.CreateOr(any, match);
    llvm::BasicBlock* add = f_.newBlock("decay.add");
    llvm::BasicBlock* join = f_.newBlock("decay.join");
    llvm::Value* t = atOfEvent();
    b_.CreateCondBr(any, add, join);
    b_.SetInsertPoint(add);
    llvm::Value* weight =
        b_.CreateCall(f_.m.helper(Helper::DecayWeight), {now, t, b_.getInt64(halfLife)});
    for (const auto& [s, match] : sums) {
      llvm::Value* sum = b_.CreateLoad(f_.m.f64, s->value);
      b_.CreateStore(b_.CreateSelect(match, b_.CreateFAdd(sum, weight), sum), s->value);
    }
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
  }
  i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), b_.GetInsertBlock());
  b_.CreateBr(header);

  b_.SetInsertPoint(exit);
  for (std::int32_t index : looped) {
    const plan::Aggregate& a = plan.aggregates[index];
    Accumulator& s = acc[index];
    auto load = [&](llvm::AllocaInst* slot) {
      return b_.CreateLoad(slot->getAllocatedType(), slot);
    };
    switch (a.fn) {
    case AggregateFn::Count:
    case AggregateFn::Days:
      store(index, lane, load(s.count), nullptr);
      break;
    case AggregateFn::Distinct: {
      llvm::Value* isFloat = f_.argWord({ArgKind::PropertyIsFloat, a.eventType, a.property});
      store(index, lane,
            b_.CreateCall(f_.m.helper(Helper::Distinct), {s.values, load(s.count), isFloat}),
            nullptr);
      break;
    }
    case AggregateFn::Exists:
      store(index, lane, load(s.flag), nullptr);
      break;
    case AggregateFn::Sum:
    case AggregateFn::Decayed:
      store(index, lane, load(s.value), nullptr);
      break;
    case AggregateFn::Avg: {
      llvm::Value* n = load(s.count);
      llvm::Value* some = b_.CreateICmpNE(n, b_.getInt64(0));
      llvm::Value* mean = b_.CreateFDiv(load(s.value), b_.CreateUIToFP(n, f_.m.f64));
      store(index, lane, b_.CreateSelect(some, mean, llvm::ConstantFP::get(f_.m.f64, 0.0)), some);
      break;
    }
    case AggregateFn::Min:
    case AggregateFn::Max:
      store(index, lane, load(s.value), load(s.flag));
      break;
    default: // First, Last
      store(index, lane, load(s.value), b_.CreateAnd(load(s.flag), load(s.valid)));
      break;
    }
  }
}

// ------------------------------------------------------------------ sequences

// Some matching e1 and a different matching e2 with e1.at ≤ e2.at ≤ e1.at + gap. For each
// e2 the best e1 is the latest one not after it, so one merge-walk decides.
void AggregateCodegen::emitSequence(std::int32_t index, llvm::Value* row, llvm::Value* lane) {
  const plan::Aggregate& a = f_.m.plan.aggregates[index];
  auto flag = [&](const char* name) {
    llvm::AllocaInst* slot = f_.stackBuffer(f_.m.i1, 1, name);
    b_.CreateStore(b_.getFalse(), slot);
    return slot;
  };
  auto word = [&](const char* name, llvm::Value* init) {
    llvm::AllocaInst* slot = f_.stackBuffer(f_.m.i64, 1, name);
    b_.CreateStore(init, slot);
    return slot;
  };
  auto load = [&](llvm::AllocaInst* slot) { return b_.CreateLoad(slot->getAllocatedType(), slot); };
  // e2.at ≤ e1.at + gap (saturating), or true without a gap.
  auto withinGap = [&](llvm::Value* firstAt, llvm::Value* thenAt) -> llvm::Value* {
    if (!a.gapMicros) return b_.getTrue();
    return b_.CreateICmpSLE(thenAt, saturatingAdd(firstAt, *a.gapMicros));
  };

  llvm::AllocaInst* found = flag("seq.found");
  if (a.eventType != a.thenEventType) {
    Range firsts = eventsOf(a.eventType, row);
    Range thens = eventsOf(a.thenEventType, row);
    llvm::AllocaInst* p = word("seq.p", firsts.begin);
    llvm::AllocaInst* have = flag("seq.have");
    llvm::AllocaInst* lastAt = word("seq.last", b_.getInt64(0));

    llvm::BasicBlock* preheader = b_.GetInsertBlock();
    llvm::BasicBlock* header = f_.newBlock("seq");
    llvm::BasicBlock* body = f_.newBlock("seq.body");
    llvm::BasicBlock* check = f_.newBlock("seq.first");
    llvm::BasicBlock* peek = f_.newBlock("seq.peek");
    llvm::BasicBlock* take = f_.newBlock("seq.take");
    llvm::BasicBlock* decide = f_.newBlock("seq.decide");
    llvm::BasicBlock* exit = f_.newBlock("seq.exit");
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    llvm::PHINode* j = b_.CreatePHI(f_.m.i64, 2, "then");
    j->addIncoming(thens.begin, preheader);
    b_.CreateCondBr(b_.CreateAnd(b_.CreateICmpULT(j, thens.end), b_.CreateNot(load(found))), body,
                    exit);

    b_.SetInsertPoint(body);
    llvm::Value* thenAt = loadAt(a.thenEventType, j);
    b_.CreateBr(check);
    // Advance over every first-type event not after this one, remembering the latest match.
    b_.SetInsertPoint(check);
    llvm::Value* pv = load(p);
    b_.CreateCondBr(b_.CreateICmpULT(pv, firsts.end), peek, decide);
    b_.SetInsertPoint(peek);
    llvm::Value* firstAt = loadAt(a.eventType, pv);
    b_.CreateCondBr(b_.CreateICmpSLE(firstAt, thenAt), take, decide);
    b_.SetInsertPoint(take);
    llvm::Value* m1 = filterHolds(a.filter, a.eventType, pv);
    b_.CreateStore(b_.CreateSelect(m1, firstAt, load(lastAt)), lastAt);
    b_.CreateStore(b_.CreateOr(load(have), m1), have);
    b_.CreateStore(b_.CreateAdd(pv, b_.getInt64(1)), p);
    b_.CreateBr(check);

    b_.SetInsertPoint(decide);
    llvm::Value* m2 = filterHolds(a.thenFilter, a.thenEventType, j);
    llvm::Value* ok = b_.CreateAnd(b_.CreateAnd(m2, load(have)), withinGap(load(lastAt), thenAt));
    b_.CreateStore(ok, found);
    j->addIncoming(b_.CreateAdd(j, b_.getInt64(1)), b_.GetInsertBlock());
    b_.CreateBr(header);
    b_.SetInsertPoint(exit);
  } else {
    Range events = eventsOf(a.eventType, row);
    llvm::AllocaInst* haveFirst = flag("seq.have1");
    llvm::AllocaInst* haveThen = flag("seq.have2");
    llvm::AllocaInst* lastFirst = word("seq.last1", b_.getInt64(0));
    llvm::AllocaInst* lastThen = word("seq.last2", b_.getInt64(0));

    llvm::BasicBlock* preheader = b_.GetInsertBlock();
    llvm::BasicBlock* header = f_.newBlock("seq");
    llvm::BasicBlock* body = f_.newBlock("seq.body");
    llvm::BasicBlock* exit = f_.newBlock("seq.exit");
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    llvm::PHINode* i = b_.CreatePHI(f_.m.i64, 2, "event");
    i->addIncoming(events.begin, preheader);
    b_.CreateCondBr(b_.CreateAnd(b_.CreateICmpULT(i, events.end), b_.CreateNot(load(found))), body,
                    exit);
    b_.SetInsertPoint(body);
    llvm::Value* t = loadAt(a.eventType, i);
    llvm::Value* m1 = filterHolds(a.filter, a.eventType, i);
    llvm::Value* m2 = filterHolds(a.thenFilter, a.eventType, i);
    // This event as e2, after an earlier e1; or as e1, with an earlier e2 at the same time.
    llvm::Value* asThen =
        b_.CreateAnd(b_.CreateAnd(m2, load(haveFirst)), withinGap(load(lastFirst), t));
    llvm::Value* sameTime = b_.CreateICmpEQ(load(lastThen), t);
    llvm::Value* asFirst =
        b_.CreateAnd(b_.CreateAnd(b_.CreateAnd(m1, load(haveThen)), sameTime), withinGap(t, t));
    b_.CreateStore(b_.CreateOr(asThen, asFirst), found);
    b_.CreateStore(b_.CreateSelect(m1, t, load(lastFirst)), lastFirst);
    b_.CreateStore(b_.CreateOr(load(haveFirst), m1), haveFirst);
    b_.CreateStore(b_.CreateSelect(m2, t, load(lastThen)), lastThen);
    b_.CreateStore(b_.CreateOr(load(haveThen), m2), haveThen);
    i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), b_.GetInsertBlock());
    b_.CreateBr(header);
    b_.SetInsertPoint(exit);
  }
  store(index, lane, load(found), nullptr);
}

} // namespace seg::jit
