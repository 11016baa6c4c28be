// Masks personal data (fields marked `pii`) before it leaves the runtime: enough of the
// value to recognise it, never enough to use it.
#pragma once

#include "store/StoreSchema.h"

#include <string>
#include <string_view>

namespace seg::report {

// E-mail-like text keeps its first character and its domain ("a***@example.com"), other
// text its first character ("J***"); numbers, timestamps, enums and booleans become "***".
std::string maskPii(std::string_view text, runtime::ValueKind kind);

} // namespace seg::report
