// Classifications of plan operators that the lowering, its rewrites and the engines share.
#include "plan/Plan.h"

namespace seg::plan {

bool isComparison(Op op) {
  switch (op) {
  case Op::Eq:
  case Op::Ne:
  case Op::Lt:
  case Op::Le:
  case Op::Gt:
  case Op::Ge:
    return true;
  default:
    return false;
  }
}

bool isStringFunction(Op op) {
  switch (op) {
  case Op::StrLower:
  case Op::StrUpper:
  case Op::StrLength:
  case Op::StrContains:
  case Op::StrStartsWith:
  case Op::StrEndsWith:
    return true;
  default:
    return false;
  }
}

std::vector<std::int32_t> rankInputs(const Rank& rank) {
  if (rank.cluster) return rank.cluster->featureSlots;
  return {rank.inputSlot};
}

} // namespace seg::plan
