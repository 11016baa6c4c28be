// The first step of binding an array-like as a column: a 1-D numpy array of the right length
// and which of its rows are null, plus checked dtype conversions. Used by the column and text
// encoders (ArrayColumns.cpp, TextColumns.cpp).
#pragma once

#include "ColumnOwner.h"
#include "seg/Dataset.h"

#include <cstddef>
#include <pybind11/numpy.h>
#include <string>
#include <string_view>
#include <vector>

namespace segpy::input {

py::module_ numpy(); // cached in sys.modules, so cheap to ask for each time

// Raises InvalidArgumentError "<where>: <what>".
[[noreturn]] void bad(const std::string& where, const std::string& what);
std::string dtypeOf(const py::array& a);
bool anyTrue(py::handle mask);

// An array's values and which rows are null (a bool array, or None for none).
struct Split {
  py::array values;
  py::object nulls = py::none();
};

// A masked array's data and mask, or any array-like as an array; str/bytes arrays as object
// arrays. Raises unless 1-D with `rows` values.
Split split(py::handle value, std::size_t rows, const std::string& where);
void addNulls(Split& s, py::object more);
// None (or NaN, as pandas writes a missing value) in an object array.
bool isMissing(PyObject* item);
// Object arrays only: missing values become null and are replaced by `fill`, in a copy.
void objectsWithoutNone(Split& s, py::object fill);
// astype(dtype) without a copy when it already is; a failed conversion names the column.
py::array convert(const py::array& values, const char* dtype, const std::string& where);
// Integers checked to lie in [low, high], as dtype.
py::array integers(const py::array& values, const char* dtype, long long low,
                   unsigned long long high, const std::string& where);

// Validity words for the split's nulls (null: none), raising for nulls in a non-nullable
// field.
const std::uint64_t* validity(Split& s, bool nullable, const std::string& field, ColumnOwner& owner,
                              const std::string& where);

// Text columns (TextColumns.cpp). An object array of str (or bytes), None/NaN being null,
// dictionary-encoded; with `enumValues`, looked up in them instead (codes are indices).
seg::ColumnView encodeTexts(Split& s, const std::vector<std::string>* enumValues,
                            ColumnOwner& owner, const std::string& where);
// A string column given as (codes, texts) or a pandas.Categorical; false: neither.
bool codedStrings(py::handle value, seg::ColumnView& view, Split& s, std::size_t rows,
                  ColumnOwner& owner, const std::string& where);
// `rows` rows of the code 0 of a one-text dictionary (for a string column of nulls).
seg::ColumnView nullTexts(std::size_t rows, ColumnOwner& owner);

} // namespace segpy::input
