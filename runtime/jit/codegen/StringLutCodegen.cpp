// StringLut nodes. A body that only compares the input with string constants compiles to
// integer compares of codes against constants' codes bound at run time (no memory
// traffic beyond the code column); any other body gathers from the bound string table.
#include "SupportedPlan.h"
#include "codegen/NodeCodegen.h"

#include <llvm/IR/Constants.h>

namespace seg::jit {

using plan::Node;
using plan::NodeId;
using plan::ValueType;

Val NodeCodegen::stringLut(NodeId id, const Node& n) {
  Val codes;
  llvm::Value* size32 = nullptr;
  llvm::Value* inputValid = nullptr;
  if (n.operands.empty()) {
    // Constants only: every row reads the one entry, the null input's (at index 0).
    codes = {llvm::Constant::getNullValue(vectorOf(f_.m.i32)), nullptr};
    size32 = codes.value;
    inputValid = zeroMask();
  } else {
    const NodeId leaf = n.operands[0];
    codes = operand(n, 0);
    // A code outside the dictionary reads as a null input, as in the reference.
    llvm::Value* size = f_.argWord({ArgKind::DictionarySize, static_cast<std::int32_t>(leaf)});
    size32 = splat(b_.CreateTrunc(size, f_.m.i32));
    llvm::Value* inDictionary = b_.CreateICmpULT(codes.value, size32);
    inputValid = andValid(codes.valid, inDictionary);
  }

  if (!n.operands.empty() && isCodeComparison(f_.m.plan, n.body)) {
    const NodeId leaf = n.operands[0];
    LutFrame frame;
    frame.input = {codes.value, inputValid};
    frame.leaf = leaf;
    LutFrame* outer = lut_;
    lut_ = &frame;
    Val result = emit(n.body);
    lut_ = outer;
    return result;
  }

  // Table entry `size` holds the body's value for a null input.
  llvm::Value* entry = b_.CreateSelect(inputValid, codes.value, size32);
  llvm::Value* index = b_.CreateZExt(entry, vectorOf(f_.m.i64));
  const auto table = static_cast<std::int32_t>(id);
  const ValueType type = n.type;
  auto gather = [&](llvm::Value* base, llvm::Type* element) -> llvm::Value* {
    llvm::Value* addresses = b_.CreateGEP(element, base, index);
    if (lanes_ == 1) return b_.CreateLoad(element, addresses);
    // Every lane's index is within the table (at most `size`), so no mask is needed.
    return b_.CreateMaskedGather(vectorOf(element), addresses,
                                 llvm::Align(element->getPrimitiveSizeInBits() / 8),
                                 llvm::Constant::getAllOnesValue(vectorOf(f_.m.i1)));
  };
  if (type == ValueType::Bool) {
    // One byte per entry: bit 0 the value, bit 1 "not null" (built when data is bound).
    llvm::Value* bytes = gather(f_.argPointer({ArgKind::TableValues, table}), f_.m.i8);
    llvm::Type* byteType = bytes->getType();
    auto bit = [&](unsigned k) {
      llvm::Value* masked = b_.CreateAnd(bytes, llvm::ConstantInt::get(byteType, 1u << k));
      return b_.CreateICmpNE(masked, llvm::Constant::getNullValue(byteType));
    };
    return {bit(0), bit(1)};
  }
  llvm::Value* values =
      gather(f_.argPointer({ArgKind::TableValues, table}), f_.m.storageType(type));
  llvm::Value* valid = gather(f_.argPointer({ArgKind::TableValid, table}), f_.m.i8);
  Val result{values, fromStorage(valid, ValueType::Bool)};
  return result;
}

} // namespace seg::jit
