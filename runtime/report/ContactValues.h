// A contact field's value as text, the way exports write it: enums by name, timestamps
// in ISO-8601 UTC, floats in their shortest exact form; null as nothing.
#pragma once

#include "store/Store.h"

#include <optional>
#include <string>

namespace seg::report {

std::optional<std::string> contactValueText(const runtime::Store& store, std::size_t field,
                                            std::size_t row);

} // namespace seg::report
