// Compiles plan nodes to LLVM values over a fixed number of lanes: a chunk of contacts at
// once (vectors; booleans and validity as <lanes x i1> masks, which are the bitmaps'
// bytes in registers) or a single event (scalars, booleans as i1). The same code serves
// both, so the contact and event paths cannot disagree on semantics. Internal to
// runtime/jit: includes LLVM.
#pragma once

#include "codegen/CodegenContext.h"

#include <optional>
#include <unordered_map>

namespace seg::jit {

// A node's value: `value` (Bool: a mask) and `valid` (a mask), where
// a null `valid` means "never null" so that non-nullable code carries no masks at all.
struct Val {
  llvm::Value* value = nullptr;
  llvm::Value* valid = nullptr;
};

// Supplies the values the node compiler does not compute itself: fields, slots, ranks,
// aggregates, and (in the event world) contact-scope values computed per contact.
class LeafSource {
public:
  virtual ~LeafSource() = default;
  virtual std::optional<Val> leaf(plan::NodeId id) = 0;
};

class NodeCodegen {
public:
  NodeCodegen(FunctionContext& f, llvm::IRBuilder<>& b, unsigned lanes, LeafSource& leaves);

  Val emit(plan::NodeId id);

  // ---- lane helpers, shared with the code that feeds leaves and stores results
  unsigned lanes() const { return lanes_; }
  llvm::Type* maskType() const { return maskType_; }
  llvm::Type* vectorOf(llvm::Type* scalar) const;
  // The register type of a value: Bool → the mask type (<lanes x i1>, or i1 for one lane),
  // else a vector of the storage type.
  llvm::Type* valueType(plan::ValueType type) const;
  llvm::Value* splat(llvm::Value* scalar);
  llvm::Value* allOnes() const;
  llvm::Value* zeroMask() const;
  // Lanes where the value is true and not null (Bool values).
  llvm::Value* trueBits(const Val& v);
  llvm::Value* validBits(const Val& v) { return v.valid ? v.valid : allOnes(); }
  llvm::Value* andValid(llvm::Value* a, llvm::Value* b);
  // Storage (what memory holds, e.g. <64 x i8> for Bool) ↔ register value.
  llvm::Value* fromStorage(llvm::Value* stored, plan::ValueType type);
  llvm::Value* toStorage(llvm::Value* value, plan::ValueType type);

private:
  struct LutFrame {
    Val input;             // the codes and their validity
    plan::NodeId leaf = 0; // the String field whose dictionary the codes index
    std::unordered_map<plan::NodeId, Val> cache;
  };

  std::optional<Val> cached(plan::NodeId id) const;
  std::optional<Val> leafValue(plan::NodeId id);
  Val compute(plan::NodeId id, const plan::Node& n);
  Val operand(const plan::Node& n, std::size_t k) const;
  plan::ValueType typeOf(plan::NodeId id) const { return f_.m.plan.nodes[id].type; }

  Val constant(const plan::Node& n);
  Val logic(const plan::Node& n);
  Val arithmetic(const plan::Node& n);
  Val compare(plan::Op op, plan::ValueType type, const Val& a, const Val& b);
  Val inList(const plan::Node& n);
  Val minMax(const plan::Node& n);
  Val coalesce(const plan::Node& n);
  Val partition(const plan::Node& n);
  Val call(const plan::Node& n);                       // CallCodegen.cpp
  Val stringLut(plan::NodeId id, const plan::Node& n); // StringLutCodegen.cpp
  llvm::Value* toDouble(llvm::Value* value, plan::ValueType type);
  // floor(a / d) and a − d·floor(a / d) for a constant d > 0, lane-wise.
  std::pair<llvm::Value*, llvm::Value*> floorDivMod(llvm::Value* a, std::int64_t d);
  // Calls an array helper on every lane: stores the input, calls, loads the output.
  llvm::Value* callArrayHelper(Helper helper, llvm::Value* in, llvm::Type* outScalar,
                               llvm::Value** validOut, std::int64_t extra);

  FunctionContext& f_;
  llvm::IRBuilder<>& b_;
  unsigned lanes_;
  LeafSource& leaves_;
  llvm::Type* maskType_;
  std::unordered_map<plan::NodeId, Val> cache_;
  LutFrame* lut_ = nullptr;
};

} // namespace seg::jit
