// One numpy array (or masked array, or None-holding object array) as one column in the
// layout of its field's type (Schema.h), viewed when the dtype already is that layout.
#pragma once

#include "ColumnOwner.h"
#include "seg/Dataset.h"
#include "seg/Schema.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace segpy {

// `where` names the column in messages ("contacts['age']"). `value` null: the field was not
// given, which is all nulls for a nullable field and an error otherwise.
seg::ColumnView bindColumn(const seg::Field& field, py::handle value, std::size_t rows,
                           ColumnOwner& owner, const std::string& where);
// An event type's `at`: datetime64 of any unit, or int64 UTC microseconds; never null.
const std::int64_t* bindTimes(py::handle value, std::size_t rows, ColumnOwner& owner,
                              const std::string& where);
// An event type's `contact`: 0-based contact rows, uint32 (any other integer dtype is checked
// and converted).
const std::uint32_t* bindContactRows(py::handle value, ColumnOwner& owner, const std::string& where,
                                     std::size_t& rows);
// The length of a 1-D array-like (for the number of contacts).
std::size_t lengthOf(py::handle value, const std::string& where);

} // namespace segpy
