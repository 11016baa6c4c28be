// Whether a stored column holds the values a plan node reads: the check both engines make
// when they bind a plan to a store.
#pragma once

#include "plan/Plan.h"
#include "store/StoreSchema.h"

namespace seg::exec {

inline bool kindMatches(runtime::ValueKind kind, plan::ValueType type) {
  using plan::ValueType;
  switch (kind) {
  case runtime::ValueKind::Int:
    return type == ValueType::Int;
  case runtime::ValueKind::Float:
    return type == ValueType::Float;
  case runtime::ValueKind::Bool:
    return type == ValueType::Bool;
  case runtime::ValueKind::String:
    return type == ValueType::String;
  case runtime::ValueKind::Enum:
    return type == ValueType::Enum;
  case runtime::ValueKind::Timestamp:
    return type == ValueType::Timestamp;
  }
  return false;
}

} // namespace seg::exec
