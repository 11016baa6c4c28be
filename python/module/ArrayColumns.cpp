// numpy arrays as columns in the layouts of Schema.h: viewed when the dtype already is the
// layout (int64, float64, bool or uint8, uint32 codes, datetime64[us]), converted into a
// buffer the ColumnOwner keeps otherwise. Nulls: masked entries, None, NaN (float fields)
// and NaT (timestamps).
#include "ArrayInput.h"
#include "ColumnConversion.h"

#include <cstdint>
#include <limits>

namespace segpy {
namespace {

using namespace input;

constexpr long long kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr unsigned long long kInt64Max = std::numeric_limits<std::int64_t>::max();

py::array ints(Split& s, const std::string& where) {
  objectsWithoutNone(s, py::int_(0));
  if (s.values.dtype().kind() == 'O') return convert(s.values, "int64", where);
  return integers(s.values, "int64", kInt64Min, kInt64Max, where);
}

// datetime64 of any unit as microseconds (NaT is null); integers are taken as microseconds.
py::array times(Split& s, const std::string& where) {
  char kind = s.values.dtype().kind();
  if (kind == 'i' || kind == 'u') return ints(s, where);
  if (kind == 'O') {
    objectsWithoutNone(s, numpy().attr("datetime64")("NaT"));
    s.values = convert(s.values, "datetime64[us]", where);
  } else if (kind != 'M') {
    bad(where, "expected datetime64 or int64 microseconds, not " + dtypeOf(s.values));
  }
  py::array us = convert(s.values, "datetime64[us]", where);
  py::object nat = numpy().attr("isnat")(us);
  if (anyTrue(nat)) addNulls(s, nat);
  return us.attr("view")("int64"); // the same memory
}

py::array floats(Split& s, const std::string& where) {
  objectsWithoutNone(s, py::float_(0.0));
  char kind = s.values.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'O')
    bad(where, "expected floats, not " + dtypeOf(s.values));
  py::array values = convert(s.values, "float64", where);
  py::object nan = numpy().attr("isnan")(values);
  if (anyTrue(nan)) addNulls(s, nan);
  return values;
}

py::array bools(Split& s, const std::string& where) {
  objectsWithoutNone(s, py::bool_(false));
  char kind = s.values.dtype().kind();
  if (kind == 'b') return s.values.attr("view")("uint8"); // numpy's bool is one byte, 0 or 1
  if (kind == 'u' && s.values.itemsize() == 1) return s.values;
  if (kind == 'O') return convert(s.values, "bool", where).attr("view")("uint8");
  if (kind != 'i' && kind != 'u') bad(where, "expected bools, not " + dtypeOf(s.values));
  return numpy().attr("not_equal")(s.values, 0).attr("view")("uint8");
}

seg::ColumnView enums(const seg::Field& field, Split& s, ColumnOwner& owner,
                      const std::string& where) {
  char kind = s.values.dtype().kind();
  if (kind == 'O') return encodeTexts(s, &field.enumValues, owner, where);
  // Codes: indices into the enum's values.
  auto last = static_cast<unsigned long long>(field.enumValues.size()) - 1;
  seg::ColumnView view;
  view.values =
      owner.keep(numpy().attr("ascontiguousarray")(integers(s.values, "uint32", 0, last, where)));
  return view;
}

} // namespace

std::size_t lengthOf(py::handle value, const std::string& where) {
  if (py::isinstance<py::tuple>(value) && py::len(value) == 2)
    value = value[py::int_(0)];
  else if (py::hasattr(value, "codes") && py::hasattr(value, "categories"))
    value = value.attr("codes");
  py::array array = numpy().attr("asarray")(value);
  if (array.ndim() != 1) bad(where, "expected a 1-D array");
  return static_cast<std::size_t>(array.shape(0));
}

seg::ColumnView bindColumn(const seg::Field& field, py::handle value, std::size_t rows,
                           ColumnOwner& owner, const std::string& where) {
  if (!value) {
    if (!field.nullable) bad(where, "missing, and '" + field.name + "' is not nullable");
    seg::ColumnView view = field.type == seg::FieldType::String
                               ? nullTexts(rows, owner)
                               : seg::ColumnView{owner.own(std::vector<std::uint64_t>(rows, 0))};
    view.validity = owner.own(std::vector<std::uint64_t>((rows + 63) / 64, 0));
    return view;
  }
  seg::ColumnView view;
  Split s;
  if (field.type == seg::FieldType::String && codedStrings(value, view, s, rows, owner, where)) {
    view.validity = validity(s, field.nullable, field.name, owner, where);
    return view;
  }
  s = split(value, rows, where);
  py::object values; // null unless a numeric column is viewed (py::array() is an empty array)
  switch (field.type) {
  case seg::FieldType::Int:
    values = ints(s, where);
    break;
  case seg::FieldType::Timestamp:
    values = times(s, where);
    break;
  case seg::FieldType::Float:
    values = floats(s, where);
    break;
  case seg::FieldType::Bool:
    values = bools(s, where);
    break;
  case seg::FieldType::Enum:
    view = enums(field, s, owner, where);
    break;
  case seg::FieldType::String:
    view = encodeTexts(s, nullptr, owner, where);
    break;
  }
  // Strided arrays (a column of a 2-D array, a[::2]) are copied to be contiguous.
  if (values) view.values = owner.keep(numpy().attr("ascontiguousarray")(values));
  view.validity = validity(s, field.nullable, field.name, owner, where);
  return view;
}

const std::int64_t* bindTimes(py::handle value, std::size_t rows, ColumnOwner& owner,
                              const std::string& where) {
  Split s = split(value, rows, where);
  py::array values = times(s, where);
  validity(s, false, "at", owner, where); // raises for a null time
  return static_cast<const std::int64_t*>(owner.keep(numpy().attr("ascontiguousarray")(values)));
}

const std::uint32_t* bindContactRows(py::handle value, ColumnOwner& owner, const std::string& where,
                                     std::size_t& rows) {
  rows = lengthOf(value, where);
  Split s = split(value, rows, where);
  py::array values =
      integers(s.values, "uint32", 0, std::numeric_limits<std::uint32_t>::max(), where);
  if (!s.nulls.is_none() && anyTrue(s.nulls)) bad(where, "an event's contact cannot be null");
  return static_cast<const std::uint32_t*>(owner.keep(numpy().attr("ascontiguousarray")(values)));
}

} // namespace segpy
