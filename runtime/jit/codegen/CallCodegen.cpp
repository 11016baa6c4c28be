// Scalar built-ins (Call nodes): day and hour arithmetic inline, exact even where now − ts
// overflows; calendar fields and rounding through the C++ helpers the interpreter shares.
#include "base/CivilTime.h"
#include "codegen/NodeCodegen.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Intrinsics.h>

namespace seg::jit {

using plan::Node;
using plan::ValueType;

namespace {
using base::kMicrosPerDay;
using base::kMicrosPerHour;
} // namespace

std::pair<llvm::Value*, llvm::Value*> NodeCodegen::floorDivMod(llvm::Value* a, std::int64_t d) {
  llvm::Value* divisor = splat(b_.getInt64(d));
  llvm::Value* q = b_.CreateSDiv(a, divisor);
  llvm::Value* r = b_.CreateSub(a, b_.CreateMul(q, divisor));
  llvm::Value* negative = b_.CreateICmpSLT(r, llvm::Constant::getNullValue(r->getType()));
  q = b_.CreateSub(q, b_.CreateZExt(negative, q->getType()));
  r = b_.CreateSelect(negative, b_.CreateAdd(r, divisor), r);
  return {q, r};
}

llvm::Value* NodeCodegen::callArrayHelper(Helper helper, llvm::Value* in, llvm::Type* outScalar,
                                          llvm::Value** validOut, std::int64_t extra) {
  llvm::Type* inScalar = in->getType()->getScalarType();
  llvm::AllocaInst* input = f_.stackBuffer(inScalar, lanes_, "helper.in");
  llvm::AllocaInst* output = f_.stackBuffer(outScalar, lanes_, "helper.out");
  b_.CreateAlignedStore(in, input, llvm::Align(8));
  llvm::Value* count = b_.getInt64(lanes_);
  if (helper == Helper::RoundToInt) {
    llvm::AllocaInst* valid = f_.stackBuffer(f_.m.i8, lanes_, "helper.valid");
    b_.CreateCall(f_.m.helper(helper), {input, output, valid, count});
    llvm::Value* bytes = b_.CreateAlignedLoad(vectorOf(f_.m.i8), valid, llvm::Align(1));
    *validOut = fromStorage(bytes, ValueType::Bool);
  } else if (helper == Helper::RoundDigits) {
    b_.CreateCall(f_.m.helper(helper), {input, output, count, b_.getInt64(extra)});
  } else {
    b_.CreateCall(f_.m.helper(helper), {input, output, count});
  }
  return b_.CreateAlignedLoad(vectorOf(outScalar), output, llvm::Align(8));
}

Val NodeCodegen::call(const Node& n) {
  // Every built-in but coalesce is null when an argument is.
  Val x = operand(n, 0);
  llvm::Value* valid = x.valid;
  for (std::size_t k = 1; k < n.operands.size(); ++k)
    valid = andValid(valid, operand(n, k).valid);
  const ValueType type = typeOf(n.operands[0]);
  auto int64 = [&](std::int64_t v) { return splat(b_.getInt64(v)); };

  switch (n.function) {
  case plan::Function::DaysSince:
  case plan::Function::HoursSince: {
    // floor((now − x)/u) = floor(now/u) − floor(x/u) − (now mod u < x mod u): no overflow.
    const std::int64_t unit =
        n.function == plan::Function::DaysSince ? kMicrosPerDay : kMicrosPerHour;
    auto [qx, rx] = floorDivMod(x.value, unit);
    auto [qn, rn] = floorDivMod(splat(f_.now()), unit);
    llvm::Value* borrow = b_.CreateZExt(b_.CreateICmpSLT(rn, rx), qx->getType());
    return {b_.CreateSub(b_.CreateSub(qn, qx), borrow), valid};
  }
  case plan::Function::Year:
  case plan::Function::Month: {
    Helper h = n.function == plan::Function::Year ? Helper::Year : Helper::Month;
    return {callArrayHelper(h, x.value, f_.m.i64, nullptr, 0), valid};
  }
  case plan::Function::DayOfWeek: {
    // ISO weekday of floor(x / day): 1970-01-01 was a Thursday.
    llvm::Value* days = floorDivMod(x.value, kMicrosPerDay).first;
    llvm::Value* weekday = floorDivMod(b_.CreateAdd(days, int64(3)), 7).second;
    return {b_.CreateAdd(weekday, int64(1)), valid};
  }
  case plan::Function::Hour: {
    llvm::Value* timeOfDay = floorDivMod(x.value, kMicrosPerDay).second;
    return {b_.CreateUDiv(timeOfDay, int64(kMicrosPerHour)), valid};
  }
  case plan::Function::Abs: {
    if (type == ValueType::Float)
      return {b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, x.value), valid};
    llvm::Value* zero = llvm::Constant::getNullValue(x.value->getType());
    llvm::Value* negative = b_.CreateICmpSLT(x.value, zero);
    return {b_.CreateSelect(negative, b_.CreateSub(zero, x.value), x.value), valid};
  }
  case plan::Function::Round: {
    if (n.operands.size() == 2) {
      std::int64_t digits = f_.m.plan.nodes[n.operands[1]].constant.integer;
      llvm::Value* v = toDouble(x.value, type);
      return {callArrayHelper(Helper::RoundDigits, v, f_.m.f64, nullptr, digits), valid};
    }
    if (type != ValueType::Float) return {x.value, valid};
    // NaN and values beyond int64 round to null.
    llvm::Value* roundable = nullptr;
    llvm::Value* r = callArrayHelper(Helper::RoundToInt, x.value, f_.m.i64, &roundable, 0);
    return {r, andValid(valid, roundable)};
  }
  default:
    break;
  }
  throw std::logic_error("the JIT cannot compile the function " +
                         std::string(functionName(n.function)));
}

} // namespace seg::jit
