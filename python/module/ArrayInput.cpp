// Array-likes as 1-D numpy arrays with their nulls, and checked dtype conversions: each
// mistake is an InvalidArgumentError naming the column, never numpy's silent wrap-around.
#include "ArrayInput.h"

#include "Errors.h"

#include <cmath>

namespace segpy::input {

py::module_ numpy() {
  return py::module_::import("numpy");
}

void bad(const std::string& where, const std::string& what) {
  raiseInvalid(where + ": " + what);
}

std::string dtypeOf(const py::array& a) {
  return py::str(a.dtype()).cast<std::string>();
}

bool anyTrue(py::handle mask) {
  return numpy().attr("any")(mask).cast<bool>();
}

Split split(py::handle value, std::size_t rows, const std::string& where) {
  py::object ma = numpy().attr("ma");
  Split s;
  py::object data = py::reinterpret_borrow<py::object>(value);
  if (py::isinstance(value, ma.attr("MaskedArray"))) {
    py::object mask = ma.attr("getmask")(value);
    if (!mask.is(ma.attr("nomask"))) s.nulls = numpy().attr("asarray")(mask, "bool");
    data = value.attr("data");
  }
  s.values = numpy().attr("asarray")(data);
  if (s.values.ndim() != 1)
    bad(where,
        "expected a 1-D array, not one of " + std::to_string(s.values.ndim()) + " dimensions");
  if (static_cast<std::size_t>(s.values.shape(0)) != rows)
    bad(where, std::to_string(s.values.shape(0)) + " values for " + std::to_string(rows) + " rows");
  char kind = s.values.dtype().kind();
  if (kind == 'U' || kind == 'S') s.values = s.values.attr("astype")("object");
  return s;
}

void addNulls(Split& s, py::object more) {
  s.nulls = s.nulls.is_none() ? more : numpy().attr("logical_or")(s.nulls, more);
}

bool isMissing(PyObject* item) {
  return item == Py_None || (PyFloat_Check(item) && std::isnan(PyFloat_AS_DOUBLE(item)));
}

void objectsWithoutNone(Split& s, py::object fill) {
  if (s.values.dtype().kind() != 'O') return;
  py::array items = numpy().attr("array")(s.values); // a copy: the caller's array stays intact
  auto n = static_cast<std::size_t>(items.shape(0));
  py::array_t<bool> missing(static_cast<py::ssize_t>(n));
  auto* const* objects = static_cast<PyObject* const*>(items.data());
  bool any = false;
  for (std::size_t i = 0; i < n; ++i)
    any |= (missing.mutable_data()[i] = isMissing(objects[i]));
  if (!any) return;
  items[missing] = fill;
  s.values = items;
  addNulls(s, missing);
}

py::array convert(const py::array& values, const char* dtype, const std::string& where) {
  try {
    return values.attr("astype")(dtype, py::arg("copy") = false);
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError) &&
        !e.matches(PyExc_OverflowError))
      throw;
    bad(where, "cannot convert " + dtypeOf(values) + " to " + dtype + ": " + e.what());
  }
}

py::array integers(const py::array& values, const char* dtype, long long low,
                   unsigned long long high, const std::string& where) {
  char kind = values.dtype().kind();
  if (kind != 'i' && kind != 'u') bad(where, "expected integers, not " + dtypeOf(values));
  if (values.size() > 0) {
    // As Python ints, which compare exactly: numpy 1.x compares uint64 with int64 as doubles.
    py::int_ min(numpy().attr("min")(values)), max(numpy().attr("max")(values));
    if (min < py::int_(low) || max > py::int_(high))
      bad(where, "values from " + py::str(min).cast<std::string>() + " to " +
                     py::str(max).cast<std::string>() + " do not fit " + dtype);
  }
  return convert(values, dtype, where);
}

const std::uint64_t* validity(Split& s, bool nullable, const std::string& field, ColumnOwner& owner,
                              const std::string& where) {
  if (s.nulls.is_none() || !anyTrue(s.nulls)) return nullptr;
  if (!nullable)
    bad(where, "has nulls (masked, None, NaN or NaT) but '" + field + "' is not nullable");
  py::array_t<bool> nulls = numpy().attr("ascontiguousarray")(s.nulls, "bool");
  auto n = static_cast<std::size_t>(nulls.size());
  std::vector<std::uint64_t> words((n + 63) / 64, 0);
  const bool* null = nulls.data();
  for (std::size_t row = 0; row < n; ++row)
    if (!null[row]) words[row / 64] |= std::uint64_t{1} << (row % 64);
  return owner.own(std::move(words));
}

} // namespace segpy::input
