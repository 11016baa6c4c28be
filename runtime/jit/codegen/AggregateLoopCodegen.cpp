// The loop over one contact's events of one type that serves every aggregate needing
// to visit them: accumulators on the stack, one branch-free update per aggregate and
// event (filters evaluated once per event), and the results stored per lane.
#include "base/CivilTime.h"
#include "codegen/AggregateCodegen.h"
#include "codegen/LoopBuilder.h"

#include <algorithm>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Intrinsics.h>
#include <stdexcept>

namespace seg::jit {

using plan::AggregateFn;
using plan::NodeId;
using plan::ValueType;

namespace {

using base::kMicrosPerDay;

} // namespace

struct AggregateCodegen::Accumulator {
  llvm::AllocaInst* count = nullptr; // i64: Count, Avg, Days
  llvm::AllocaInst* flag = nullptr;  // i1: Exists, found / has
  llvm::AllocaInst* value = nullptr; // Sum, Avg, Decayed sums; Min/Max best; First/Last
  llvm::AllocaInst* valid = nullptr; // i1: First/Last value's validity
  llvm::AllocaInst* day = nullptr;   // i64: Days, the last day counted
  llvm::Value* values = nullptr;     // Distinct: where this contact's values are collected
};

// The event the loop's body visits; its `at` loaded once, when first read.
struct AggregateCodegen::EventCursor {
  std::int32_t type;
  llvm::Value* index;
  llvm::Value* at = nullptr;
};

llvm::Value* AggregateCodegen::atOf(EventCursor& event) {
  return event.at ? event.at : (event.at = loadAt(event.type, event.index));
}

void AggregateCodegen::emitEventLoop(std::int32_t eventType,
                                     const std::vector<std::int32_t>& looped, const Ranges& ranges,
                                     llvm::Value* lane) {
  const plan::Plan& plan = f_.m.plan;
  // One loop over the union of the windows of every aggregate that visits events.
  llvm::Value* loopBegin = nullptr;
  llvm::Value* loopEnd = nullptr;
  for (std::int32_t index : looped) {
    const Range& r = ranges.at(index);
    loopBegin = loopBegin
                    ? b_.CreateSelect(b_.CreateICmpULT(r.begin, loopBegin), r.begin, loopBegin)
                    : r.begin;
    loopEnd = loopEnd ? b_.CreateSelect(b_.CreateICmpUGT(r.end, loopEnd), r.end, loopEnd) : r.end;
  }
  std::map<std::int32_t, Accumulator> acc = openAccumulators(looped, {loopBegin, loopEnd});

  CountedLoop events(f_, b_, {"events", "events.body", "events.exit", "event"});
  EventCursor event{eventType, events.open(loopBegin, loopEnd)};
  llvm::Value* i = event.index;
  // Every filter once per event, before any update (updates may branch).
  std::map<NodeId, llvm::Value*> holds;
  for (std::int32_t index : looped) {
    NodeId filter = plan.aggregates[index].filter;
    if (!holds.count(filter)) holds[filter] = filterHolds(filter, eventType, i);
  }
  DecayedSums decayed;
  for (std::int32_t index : looped) {
    const plan::Aggregate& a = plan.aggregates[index];
    const Range& r = ranges.at(index);
    llvm::Value* match = holds[a.filter];
    if (r.begin != loopBegin || r.end != loopEnd)
      match = b_.CreateAnd(match,
                           b_.CreateAnd(b_.CreateICmpUGE(i, r.begin), b_.CreateICmpULT(i, r.end)));
    update(index, acc[index], match, event, decayed);
  }
  addDecayedWeights(decayed, event);
  events.close();

  for (std::int32_t index : looped)
    storeResult(index, acc[index], lane);
}

// Distinct collects the values of the visited events in the call's scratch memory (one
// region per aggregate, as long as the loop), then counts them with the interpreter's
// own algorithm.
std::map<std::int32_t, AggregateCodegen::Accumulator>
AggregateCodegen::openAccumulators(const std::vector<std::int32_t>& looped, Range loop) {
  const plan::Plan& plan = f_.m.plan;
  std::vector<std::int32_t> distinct;
  for (std::int32_t index : looped)
    if (plan.aggregates[index].fn == AggregateFn::Distinct) distinct.push_back(index);
  llvm::Value* regionWords = b_.CreateSub(loop.end, loop.begin);
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
  return acc;
}

// One aggregate's update for the visited event, where `match` says it counts.
void AggregateCodegen::update(std::int32_t index, Accumulator& s, llvm::Value* match,
                              EventCursor& event, DecayedSums& decayed) {
  const plan::Aggregate& a = f_.m.plan.aggregates[index];
  const std::int32_t eventType = event.type;
  auto load = [&](llvm::AllocaInst* slot) { return b_.CreateLoad(slot->getAllocatedType(), slot); };
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
    Val v = loadProperty(eventType, a.property, ValueType::Int, event.index, a.property != 0);
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
    Val v = loadProperty(eventType, a.property, a.type, event.index, a.property != 0);
    llvm::Value* cond = v.valid ? b_.CreateAnd(match, v.valid) : match;
    llvm::Value* best = load(s.value);
    llvm::Value* x = a.fn == AggregateFn::Min ? v.value : best;
    llvm::Value* y = a.fn == AggregateFn::Min ? best : v.value;
    llvm::Value* less = orderedBefore(a, v.value, x, y, cond);
    llvm::Value* has = load(s.flag);
    llvm::Value* take = b_.CreateAnd(cond, b_.CreateOr(b_.CreateNot(has), less));
    put(s.value, b_.CreateSelect(take, v.value, best));
    put(s.flag, b_.CreateOr(has, cond));
    break;
  }
  case AggregateFn::First:
  case AggregateFn::Last: {
    Val v = loadProperty(eventType, a.property, a.type, event.index, a.property != 0);
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
    llvm::Value* t = atOf(event);
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
    Val v = loadAnyProperty(eventType, a.property, event.index);
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

// Whether `x` comes before `y` in the order of min() and max() over `a`'s type. Strings
// compare by text, and an event `value` (a code) outside the dictionary does not count
// (`cond` narrowed).
llvm::Value* AggregateCodegen::orderedBefore(const plan::Aggregate& a, llvm::Value* value,
                                             llvm::Value* x, llvm::Value* y, llvm::Value*& cond) {
  llvm::Value* less = nullptr;
  switch (a.type) {
  case ValueType::String: {
    // Codes compare by their texts' positions in the bound text-order table. A code
    // outside the dictionary reads as null, as in the reference; clamped, it still
    // indexes the table (which has a spare entry).
    llvm::Value* size = b_.CreateTrunc(
        f_.argWord({ArgKind::PropertyDictionarySize, a.eventType, a.property}), f_.m.i32);
    llvm::Value* order = f_.argPointer({ArgKind::PropertyTextOrder, a.eventType, a.property});
    cond = b_.CreateAnd(cond, b_.CreateICmpULT(value, size));
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
  return less;
}

// pow() only when some aggregate takes the event: a branch, after every filter.
void AggregateCodegen::addDecayedWeights(const DecayedSums& decayed, EventCursor& event) {
  llvm::Value* now = f_.now();
  for (const auto& [halfLife, sums] : decayed) {
    llvm::Value* any = b_.getFalse();
    for (const auto& [s, match] : sums)
      any = b_.CreateOr(any, match);
    llvm::BasicBlock* add = f_.newBlock("decay.add");
    llvm::BasicBlock* join = f_.newBlock("decay.join");
    llvm::Value* t = atOf(event);
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
}

// The aggregate's value for the lane, from its accumulator after the loop.
void AggregateCodegen::storeResult(std::int32_t index, Accumulator& s, llvm::Value* lane) {
  const plan::Aggregate& a = f_.m.plan.aggregates[index];
  auto load = [&](llvm::AllocaInst* slot) { return b_.CreateLoad(slot->getAllocatedType(), slot); };
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

} // namespace seg::jit
