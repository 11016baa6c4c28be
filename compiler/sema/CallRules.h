// What the checker derives from a function's registry entry: the type of a call's result
// and the words for its arity, shared by the checks of every kind of call.
#pragma once

#include "plan/FunctionRegistry.h"
#include "types/Type.h"

#include <string>
#include <vector>

namespace seg {

// The result of a call in `form` whose arguments have these types (an event aggregate's:
// its property's, or none). Not for ResultType::Common, which the arguments decide.
Type resultOf(const plan::FunctionInfo& info, const plan::Signature& form,
              const std::vector<Type>& args);

// "takes 1 argument", "takes 1 to 2 arguments", "takes at least 2 arguments": the arities of
// every signature with arguments.
std::string arityPhrase(const plan::FunctionInfo& info);

} // namespace seg
