// Result types and arity words from registry entries.
#include "sema/CallRules.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg {

using plan::ResultType;

Type resultOf(const plan::FunctionInfo& info, const plan::Signature& form,
              const std::vector<Type>& args) {
  std::vector<bool> nullable;
  for (const Type& t : args)
    nullable.push_back(t.nullable);
  const bool result = plan::resultNullable(info.nulls, nullable);
  switch (form.result) {
  case ResultType::Bool:
    return Type::of(TypeKind::Bool, result);
  case ResultType::Int:
    return Type::of(TypeKind::Int, result);
  case ResultType::Float:
    return Type::of(TypeKind::Float, result);
  case ResultType::String:
    return Type::of(TypeKind::String, result);
  case ResultType::Argument:
    return args.at(0).withNullable(result);
  case ResultType::Common:
    break;
  }
  return Type::error();
}

std::string arityPhrase(const plan::FunctionInfo& info) {
  std::size_t low = ~std::size_t{0}, high = 0;
  bool variadic = false;
  for (const plan::Signature& s : info.signatures) {
    if (s.args.empty()) continue; // count() of everyone is the exception, not the rule
    low = std::min(low, s.args.size());
    high = std::max(high, s.args.size());
    variadic = variadic || s.variadic;
  }
  std::string count = variadic      ? fmt::format("at least {}", low)
                      : low == high ? std::to_string(low)
                                    : fmt::format("{} to {}", low, high);
  return fmt::format("takes {} argument{}", count, high == 1 ? "" : "s");
}

} // namespace seg
