// Node compilation: three-valued logic on bitmask words, arithmetic and comparisons on
// vectors, nulls as validity masks rather than branches. Every rule mirrors the reference
// semantics in runtime/exec/Scalars.cpp and Evaluator.cpp bit for bit.
#include "codegen/NodeCodegen.h"

#include <llvm/IR/Constants.h>
#include <stdexcept>
#include <vector>

namespace seg::jit {

using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

NodeCodegen::NodeCodegen(FunctionContext& f, llvm::IRBuilder<>& b, unsigned lanes,
                         LeafSource& leaves)
    : f_(f), b_(b), lanes_(lanes), leaves_(leaves),
      maskType_(lanes == 1 ? static_cast<llvm::Type*>(f.m.i1)
                           : llvm::FixedVectorType::get(f.m.i1, lanes)) {}

// ------------------------------------------------------------------ lane helpers

llvm::Type* NodeCodegen::vectorOf(llvm::Type* scalar) const {
  return lanes_ == 1 ? scalar : llvm::FixedVectorType::get(scalar, lanes_);
}

llvm::Type* NodeCodegen::valueType(ValueType type) const {
  if (type == ValueType::Bool) return maskType_;
  return vectorOf(f_.m.storageType(type));
}

llvm::Value* NodeCodegen::splat(llvm::Value* scalar) {
  return lanes_ == 1 ? scalar : b_.CreateVectorSplat(lanes_, scalar);
}

llvm::Value* NodeCodegen::allOnes() const {
  return llvm::Constant::getAllOnesValue(maskType_);
}
llvm::Value* NodeCodegen::zeroMask() const {
  return llvm::Constant::getNullValue(maskType_);
}

llvm::Value* NodeCodegen::trueBits(const Val& v) {
  return v.valid ? b_.CreateAnd(v.value, v.valid) : v.value;
}

llvm::Value* NodeCodegen::andValid(llvm::Value* a, llvm::Value* b) {
  if (!a) return b;
  if (!b) return a;
  return b_.CreateAnd(a, b);
}

llvm::Value* NodeCodegen::fromStorage(llvm::Value* stored, ValueType type) {
  if (type != ValueType::Bool) return stored;
  return b_.CreateICmpNE(stored, llvm::Constant::getNullValue(stored->getType()));
}

llvm::Value* NodeCodegen::toStorage(llvm::Value* value, ValueType type) {
  if (type != ValueType::Bool) return value;
  return b_.CreateZExt(value, vectorOf(f_.m.i8));
}

llvm::Value* NodeCodegen::toDouble(llvm::Value* value, ValueType type) {
  llvm::Type* target = vectorOf(f_.m.f64);
  switch (type) {
  case ValueType::Float:
    return value;
  case ValueType::Bool:
    return b_.CreateUIToFP(value, target);
  case ValueType::Enum:
  case ValueType::String:
    return b_.CreateUIToFP(value, target);
  default:
    return b_.CreateSIToFP(value, target);
  }
}

// ------------------------------------------------------------------ walk

std::optional<Val> NodeCodegen::cached(NodeId id) const {
  const auto& cache = lut_ ? lut_->cache : cache_;
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  return std::nullopt;
}

std::optional<Val> NodeCodegen::leafValue(NodeId id) {
  const Node& n = f_.m.plan.nodes[id];
  if (lut_) {
    if (n.op == Op::LutInput) return lut_->input;
    if (n.op == Op::Const && n.type == ValueType::String) {
      llvm::Value* code = f_.argWord(
          {ArgKind::StringCode, static_cast<std::int32_t>(lut_->leaf), -1, n.constant.text});
      return Val{splat(b_.CreateTrunc(code, f_.m.i32)), nullptr};
    }
    return std::nullopt;
  }
  return leaves_.leaf(id);
}

Val NodeCodegen::emit(NodeId root) {
  if (auto v = cached(root)) return *v;
  // Operands before users, with an explicit stack: no plan depth can exhaust ours.
  std::vector<std::pair<NodeId, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [id, expanded] = stack.back();
    if (cached(id)) {
      stack.pop_back();
      continue;
    }
    if (!expanded) {
      if (auto v = leafValue(id)) {
        (lut_ ? lut_->cache : cache_)[id] = *v;
        stack.pop_back();
        continue;
      }
      stack.back().second = true;
      const Node& n = f_.m.plan.nodes[id];
      for (auto it = n.operands.rbegin(); it != n.operands.rend(); ++it)
        if (!cached(*it)) stack.push_back({*it, false});
      continue;
    }
    stack.pop_back();
    Val v = compute(id, f_.m.plan.nodes[id]);
    (lut_ ? lut_->cache : cache_)[id] = v;
  }
  return *cached(root);
}

Val NodeCodegen::operand(const Node& n, std::size_t k) const {
  return *cached(n.operands[k]);
}

// ------------------------------------------------------------------ nodes

Val NodeCodegen::compute(NodeId id, const Node& n) {
  switch (n.op) {
  case Op::Const:
    return constant(n);
  case Op::NullConst:
    return {llvm::Constant::getNullValue(valueType(n.type)), zeroMask()};
  case Op::Now:
    return {splat(f_.now()), nullptr};
  case Op::Not: {
    Val a = operand(n, 0);
    return {b_.CreateNot(a.value), a.valid};
  }
  case Op::And:
  case Op::Or:
    return logic(n);
  case Op::Neg: {
    Val a = operand(n, 0);
    if (typeOf(n.operands[0]) == ValueType::Float) return {b_.CreateFNeg(a.value), a.valid};
    return {b_.CreateSub(llvm::Constant::getNullValue(a.value->getType()), a.value), a.valid};
  }
  case Op::Add:
  case Op::Sub:
  case Op::Mul:
  case Op::Div:
  case Op::Mod:
    return arithmetic(n);
  case Op::ToFloat: {
    Val a = operand(n, 0);
    return {toDouble(a.value, typeOf(n.operands[0])), a.valid};
  }
  case Op::Eq:
  case Op::Ne:
  case Op::Lt:
  case Op::Le:
  case Op::Gt:
  case Op::Ge: {
    ValueType ta = typeOf(n.operands[0]), tb = typeOf(n.operands[1]);
    Val a = operand(n, 0), b = operand(n, 1);
    if (ta != tb && (ta == ValueType::Float || tb == ValueType::Float)) {
      a.value = toDouble(a.value, ta);
      b.value = toDouble(b.value, tb);
      ta = ValueType::Float;
    }
    return compare(n.op, ta, a, b);
  }
  case Op::IsNull: {
    Val a = operand(n, 0);
    return {a.valid ? b_.CreateNot(a.valid) : zeroMask(), nullptr};
  }
  case Op::IsNotNull: {
    Val a = operand(n, 0);
    return {a.valid ? a.valid : allOnes(), nullptr};
  }
  case Op::InList:
    return inList(n);
  case Op::Min2:
  case Op::Max2:
    return minMax(n);
  case Op::Coalesce:
    return coalesce(n);
  case Op::Call:
    return call(n);
  case Op::StringLut:
    return stringLut(id, n);
  case Op::Partition:
    return partition(n);
  case Op::PointsIf: {
    llvm::Value* points = splat(llvm::ConstantFP::get(f_.m.f64, n.constant.real));
    llvm::Value* zero = splat(llvm::ConstantFP::get(f_.m.f64, 0.0));
    return {b_.CreateSelect(trueBits(operand(n, 0)), points, zero), nullptr};
  }
  case Op::EventField:
    // Only reached for a property of another event type than the one being scanned:
    // the reference evaluator reads it as null.
    return {llvm::Constant::getNullValue(valueType(n.type)), zeroMask()};
  default:
    break;
  }
  throw std::logic_error("the JIT cannot compile plan node %" + std::to_string(id));
}

Val NodeCodegen::constant(const Node& n) {
  switch (n.type) {
  case ValueType::Bool:
    return {n.constant.integer != 0 ? allOnes() : zeroMask(), nullptr};
  case ValueType::Float:
    return {splat(llvm::ConstantFP::get(f_.m.f64, n.constant.real)), nullptr};
  case ValueType::Enum:
  case ValueType::String:
    return {splat(llvm::ConstantInt::get(f_.m.i32, static_cast<std::uint32_t>(n.constant.integer))),
            nullptr};
  default:
    return {splat(llvm::ConstantInt::get(f_.m.i64, n.constant.integer, true)), nullptr};
  }
}

// SQL logic on masks: a false operand decides And, a true one decides Or; otherwise any
// null makes the result null.
Val NodeCodegen::logic(const Node& n) {
  Val a = operand(n, 0), b = operand(n, 1);
  const bool isAnd = n.op == Op::And;
  if (!a.valid && !b.valid)
    return {isAnd ? b_.CreateAnd(a.value, b.value) : b_.CreateOr(a.value, b.value), nullptr};
  llvm::Value* aTrue = trueBits(a);
  llvm::Value* bTrue = trueBits(b);
  llvm::Value* aFalse = b_.CreateAnd(b_.CreateNot(a.value), validBits(a));
  llvm::Value* bFalse = b_.CreateAnd(b_.CreateNot(b.value), validBits(b));
  llvm::Value* isTrue = isAnd ? b_.CreateAnd(aTrue, bTrue) : b_.CreateOr(aTrue, bTrue);
  llvm::Value* isFalse = isAnd ? b_.CreateOr(aFalse, bFalse) : b_.CreateAnd(aFalse, bFalse);
  return {isTrue, b_.CreateOr(isTrue, isFalse)};
}

Val NodeCodegen::arithmetic(const Node& n) {
  ValueType ta = typeOf(n.operands[0]), tb = typeOf(n.operands[1]);
  Val a = operand(n, 0), b = operand(n, 1);
  llvm::Value* valid = andValid(a.valid, b.valid);
  const bool isFloat = ta == ValueType::Float || tb == ValueType::Float || n.op == Op::Div;
  if (isFloat) {
    llvm::Value* x = toDouble(a.value, ta);
    llvm::Value* y = toDouble(b.value, tb);
    switch (n.op) {
    case Op::Add:
      return {b_.CreateFAdd(x, y), valid};
    case Op::Sub:
      return {b_.CreateFSub(x, y), valid};
    case Op::Mul:
      return {b_.CreateFMul(x, y), valid};
    default: {
      // Division by zero is null; `une` keeps a NaN divisor (NaN == 0 is false).
      llvm::Value* nonZero = b_.CreateFCmpUNE(y, llvm::Constant::getNullValue(y->getType()));
      llvm::Value* result = n.op == Op::Div ? b_.CreateFDiv(x, y) : b_.CreateFRem(x, y);
      return {result, andValid(valid, nonZero)};
    }
    }
  }
  switch (n.op) {
  case Op::Add:
    return {b_.CreateAdd(a.value, b.value), valid};
  case Op::Sub:
    return {b_.CreateSub(a.value, b.value), valid};
  case Op::Mul:
    return {b_.CreateMul(a.value, b.value), valid};
  default: {
    // Mod: null for a zero divisor; x % −1 is 0 (and must not trap on INT64_MIN), which a
    // divisor of 1 also gives, so both become 1 before the hardware sees them.
    llvm::Type* type = b.value->getType();
    llvm::Value* zero = llvm::Constant::getNullValue(type);
    llvm::Value* one = llvm::ConstantInt::get(type, 1);
    llvm::Value* isZero = b_.CreateICmpEQ(b.value, zero);
    llvm::Value* minusOne = b_.CreateICmpEQ(b.value, llvm::Constant::getAllOnesValue(type));
    llvm::Value* divisor = b_.CreateSelect(b_.CreateOr(isZero, minusOne), one, b.value);
    return {b_.CreateSRem(a.value, divisor), andValid(valid, b_.CreateNot(isZero))};
  }
  }
}

Val NodeCodegen::compare(Op op, ValueType type, const Val& a, const Val& b) {
  llvm::Value* valid = andValid(a.valid, b.valid);
  llvm::Value* x = a.value;
  llvm::Value* y = b.value;
  if (type == ValueType::Bool) {
    // false < true, as the reference compares 0 and 1.
    switch (op) {
    case Op::Eq:
      return {b_.CreateNot(b_.CreateXor(x, y)), valid};
    case Op::Ne:
      return {b_.CreateXor(x, y), valid};
    case Op::Lt:
      return {b_.CreateAnd(b_.CreateNot(x), y), valid};
    case Op::Le:
      return {b_.CreateOr(b_.CreateNot(x), y), valid};
    case Op::Gt:
      return {b_.CreateAnd(x, b_.CreateNot(y)), valid};
    default:
      return {b_.CreateOr(x, b_.CreateNot(y)), valid};
    }
  }
  llvm::Value* result = nullptr;
  if (type == ValueType::Float) {
    switch (op) {
    case Op::Eq:
      result = b_.CreateFCmpOEQ(x, y);
      break;
    case Op::Ne:
      result = b_.CreateFCmpUNE(x, y);
      break;
    case Op::Lt:
      result = b_.CreateFCmpOLT(x, y);
      break;
    case Op::Le:
      result = b_.CreateFCmpOLE(x, y);
      break;
    case Op::Gt:
      result = b_.CreateFCmpOGT(x, y);
      break;
    default:
      result = b_.CreateFCmpOGE(x, y);
      break;
    }
  } else {
    // Enum values and codes are unsigned; everything else is a signed int64.
    const bool isUnsigned = type == ValueType::Enum || type == ValueType::String;
    llvm::CmpInst::Predicate p;
    switch (op) {
    case Op::Eq:
      p = llvm::CmpInst::ICMP_EQ;
      break;
    case Op::Ne:
      p = llvm::CmpInst::ICMP_NE;
      break;
    case Op::Lt:
      p = isUnsigned ? llvm::CmpInst::ICMP_ULT : llvm::CmpInst::ICMP_SLT;
      break;
    case Op::Le:
      p = isUnsigned ? llvm::CmpInst::ICMP_ULE : llvm::CmpInst::ICMP_SLE;
      break;
    case Op::Gt:
      p = isUnsigned ? llvm::CmpInst::ICMP_UGT : llvm::CmpInst::ICMP_SGT;
      break;
    default:
      p = isUnsigned ? llvm::CmpInst::ICMP_UGE : llvm::CmpInst::ICMP_SGE;
      break;
    }
    result = b_.CreateICmp(p, x, y);
  }
  return {result, valid};
}

// x IN (constants): null only when x is; a null item never matches.
Val NodeCodegen::inList(const Node& n) {
  ValueType type = typeOf(n.operands[0]);
  Val x = operand(n, 0);
  llvm::Value* any = zeroMask();
  for (std::size_t k = 1; k < n.operands.size(); ++k) {
    Val item = operand(n, k);
    ValueType itemType = typeOf(n.operands[k]);
    Val probe = x;
    ValueType common = type;
    if (itemType != type && (itemType == ValueType::Float || type == ValueType::Float)) {
      probe.value = toDouble(x.value, type);
      item.value = toDouble(item.value, itemType);
      common = ValueType::Float;
    }
    probe.valid = nullptr;
    Val eq = compare(Op::Eq, common, probe, item);
    any = b_.CreateOr(any, trueBits(eq));
  }
  return {any, x.valid};
}

Val NodeCodegen::minMax(const Node& n) {
  ValueType type = typeOf(n.operands[0]);
  Val a = operand(n, 0), b = operand(n, 1);
  // Reference: min takes b when b < a, max takes b when a < b (ties keep a).
  Val less = n.op == Op::Min2 ? compare(Op::Lt, type, b, a) : compare(Op::Lt, type, a, b);
  llvm::Value* valid = andValid(a.valid, b.valid);
  if (type == ValueType::Bool) {
    llvm::Value* take = less.value;
    return {b_.CreateOr(b_.CreateAnd(take, b.value), b_.CreateAnd(b_.CreateNot(take), a.value)),
            valid};
  }
  return {b_.CreateSelect(less.value, b.value, a.value), valid};
}

// The first operand that is not null, lane by lane.
Val NodeCodegen::coalesce(const Node& n) {
  // Int and float arguments mix to float (the lowering converts, but be total).
  auto argument = [&](std::size_t k) {
    Val v = operand(n, k);
    if (n.type == ValueType::Float) v.value = toDouble(v.value, typeOf(n.operands[k]));
    return v;
  };
  Val result = argument(0);
  llvm::Value* covered = result.valid;
  for (std::size_t k = 1; k < n.operands.size() && covered; ++k) {
    Val next = argument(k);
    if (n.type == ValueType::Bool)
      result.value = b_.CreateOr(b_.CreateAnd(covered, result.value),
                                 b_.CreateAnd(b_.CreateNot(covered), next.value));
    else
      result.value = b_.CreateSelect(covered, result.value, next.value);
    covered = next.valid ? b_.CreateOr(covered, next.valid) : nullptr;
  }
  result.valid = covered;
  return result;
}

// The index of the first true branch condition, else `elseIndex`, else null.
Val NodeCodegen::partition(const Node& n) {
  llvm::Type* indexType = vectorOf(f_.m.i32);
  llvm::Value* result = n.elseIndex >= 0
                            ? splat(b_.getInt32(static_cast<std::uint32_t>(n.elseIndex)))
                            : llvm::Constant::getNullValue(indexType);
  llvm::Value* anyTrue = zeroMask();
  for (std::size_t k = n.operands.size(); k-- > 0;) {
    llvm::Value* taken = trueBits(operand(n, k));
    result = b_.CreateSelect(taken, splat(b_.getInt32(static_cast<std::uint32_t>(k))), result);
    anyTrue = b_.CreateOr(anyTrue, taken);
  }
  return {result, n.elseIndex >= 0 ? nullptr : anyTrue};
}

} // namespace seg::jit
