// Event aggregates: for each contact of a chunk, one pass over its events of each type
// serves every aggregate of that type (windows found by binary search on `at`, filters
// evaluated once per event), writing one result per lane into stack buffers that the
// vector code then loads. Internal to runtime/jit: includes LLVM.
#pragma once

#include "codegen/NodeCodegen.h"
#include "codegen/StagePlan.h"

#include <functional>
#include <map>
#include <utility>
#include <vector>

namespace seg::jit {

// One aggregate's results for the 64 lanes of a chunk.
struct AggregateBuffer {
  llvm::AllocaInst* values = nullptr; // 64 values of the result's storage type
  llvm::AllocaInst* valid = nullptr;  // 64 bytes (1 = not null); null when never null
  plan::ValueType type = plan::ValueType::Int;
};

// A frontier node's value for one lane (a scalar Val).
using FrontierAt = std::function<Val(plan::NodeId id, llvm::Value* lane)>;

class AggregateCodegen {
public:
  AggregateCodegen(FunctionContext& f, llvm::IRBuilder<>& b, const StagePlan& stage,
                   const std::vector<bool>& uniform);

  const std::map<std::int32_t, AggregateBuffer>& buffers() const { return buffers_; }
  // The loop over lanes [0, count) of the chunk starting at contact `base`; leaves the
  // builder after it.
  void emit(llvm::Value* base, llvm::Value* count, const FrontierAt& frontier);

private:
  struct Range {
    llvm::Value* begin;
    llvm::Value* end;
  };
  using Ranges = std::map<std::int32_t, Range>;
  class EventWorld;
  class Windows;
  struct Accumulator;
  struct EventCursor;
  // Weighted decayed sums by half-life, with the match of each for the visited event.
  using DecayedSums = std::map<std::int64_t, std::vector<std::pair<Accumulator*, llvm::Value*>>>;

  // The aggregates of one event type: from the window's bounds, or in one loop over events.
  void emitGroup(std::int32_t eventType, const std::vector<std::int32_t>& aggregates,
                 llvm::Value* row, llvm::Value* lane);
  void emitFromBounds(std::int32_t aggregate, std::int32_t eventType, Range window,
                      llvm::Value* lane);
  // AggregateLoopCodegen.cpp: the loop, its accumulators, updates and results.
  void emitEventLoop(std::int32_t eventType, const std::vector<std::int32_t>& looped,
                     const Ranges& windows, llvm::Value* lane);
  std::map<std::int32_t, Accumulator> openAccumulators(const std::vector<std::int32_t>& looped,
                                                       Range loop);
  void update(std::int32_t aggregate, Accumulator& s, llvm::Value* match, EventCursor& event,
              DecayedSums& decayed);
  llvm::Value* orderedBefore(const plan::Aggregate& a, llvm::Value* value, llvm::Value* x,
                             llvm::Value* y, llvm::Value*& cond);
  void addDecayedWeights(const DecayedSums& decayed, EventCursor& event);
  void storeResult(std::int32_t aggregate, Accumulator& s, llvm::Value* lane);
  llvm::Value* atOf(EventCursor& event);
  // SequenceCodegen.cpp.
  void emitSequence(std::int32_t aggregate, llvm::Value* row, llvm::Value* lane);
  Range eventsOf(std::int32_t eventType, llvm::Value* row);
  llvm::Value* upperBound(llvm::Value* at, llvm::Value* lo, llvm::Value* hi, llvm::Value* key);
  // A property of event `index`: value (Bool as i1) and validity (null: never null).
  Val loadProperty(std::int32_t eventType, std::int32_t property, plan::ValueType type,
                   llvm::Value* index, bool readValidity);
  Val loadAnyProperty(std::int32_t eventType, std::int32_t property, llvm::Value* index);
  llvm::Value* loadAt(std::int32_t eventType, llvm::Value* index);
  // Whether the filter holds for event `index` of `eventType` (null counts as false).
  llvm::Value* filterHolds(plan::NodeId filter, std::int32_t eventType, llvm::Value* index);
  void store(std::int32_t aggregate, llvm::Value* lane, llvm::Value* value, llvm::Value* valid);
  llvm::Value* saturatingAdd(llvm::Value* a, std::int64_t b);

  FunctionContext& f_;
  llvm::IRBuilder<>& b_;
  const StagePlan& stage_;
  const std::vector<bool>& uniform_;
  std::map<std::int32_t, AggregateBuffer> buffers_;
  std::map<plan::NodeId, Val> laneFrontier_; // per lane, set while emitting its body
  llvm::Function* upperBound_ = nullptr;
};

} // namespace seg::jit
