// Text columns from Python strings: dictionary-encoded into codes + one copy of each text
// (Seg's layout for strings), or enum names looked up in the field's values. A copy, unlike
// numeric columns; a (codes, texts) pair or a pandas.Categorical keeps its codes viewed.
#include "ArrayInput.h"

#include <limits>
#include <unordered_map>

namespace segpy::input {
namespace {

struct Encoded {
  std::vector<std::uint32_t> codes;
  std::vector<std::uint64_t> offsets{0};
  std::vector<char> bytes;
};

std::string_view utf8(PyObject* item, const std::string& where) {
  Py_ssize_t size = 0;
  if (PyUnicode_Check(item)) {
    const char* text = PyUnicode_AsUTF8AndSize(item, &size);
    if (text == nullptr) throw py::error_already_set();
    return {text, static_cast<std::size_t>(size)};
  }
  if (PyBytes_Check(item)) // checked as UTF-8 by Dataset::fromColumns
    return {PyBytes_AS_STRING(item), static_cast<std::size_t>(PyBytes_GET_SIZE(item))};
  bad(where, std::string("expected str values, not ") + Py_TYPE(item)->tp_name);
}

void appendText(Encoded& e, std::string_view text) {
  e.bytes.insert(e.bytes.end(), text.begin(), text.end());
  e.offsets.push_back(e.bytes.size());
}

seg::ColumnView dictionaryColumn(Encoded&& e, ColumnOwner& owner) {
  seg::ColumnView view;
  view.dictionarySize = e.offsets.size() - 1;
  view.values = owner.own(std::move(e.codes));
  view.dictionaryOffsets = owner.own(std::move(e.offsets));
  view.dictionaryBytes = owner.own(std::move(e.bytes));
  return view;
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

} // namespace

seg::ColumnView encodeTexts(Split& s, const std::vector<std::string>* enumValues,
                            ColumnOwner& owner, const std::string& where) {
  if (s.values.dtype().kind() != 'O')
    bad(where, "expected str values (an object or str array), not " + dtypeOf(s.values));
  py::array items = numpy().attr("ascontiguousarray")(s.values);
  auto n = static_cast<std::size_t>(items.shape(0));
  auto* const* objects = static_cast<PyObject* const*>(items.data());
  // A fresh array: rows holding None are added to it.
  py::array_t<bool> nulls =
      s.nulls.is_none() ? numpy().attr("zeros")(n, "bool") : numpy().attr("array")(s.nulls, "bool");
  bool* null = nulls.mutable_data();

  Encoded e;
  e.codes.resize(n, 0);
  // Keys view the texts of `items` (alive until the end) or of enumValues.
  std::unordered_map<std::string_view, std::uint32_t> codes;
  if (enumValues != nullptr)
    for (std::size_t i = 0; i < enumValues->size(); ++i)
      codes.emplace((*enumValues)[i], static_cast<std::uint32_t>(i));
  for (std::size_t row = 0; row < n; ++row) {
    if (null[row] || isMissing(objects[row])) {
      null[row] = true;
      continue;
    }
    std::string_view text = utf8(objects[row], where);
    auto [at, added] = codes.try_emplace(text, static_cast<std::uint32_t>(codes.size()));
    if (added && enumValues != nullptr)
      bad(where, "'" + std::string(text) +
                     "' is not a value of the enum (expected one of: " + listed(*enumValues) + ")");
    if (added) appendText(e, text);
    e.codes[row] = at->second;
  }
  s.nulls = nulls;
  if (enumValues != nullptr) {
    seg::ColumnView view;
    view.values = owner.own(std::move(e.codes));
    return view;
  }
  if (e.offsets.size() == 1) appendText(e, ""); // a code for the rows of an all-null column
  return dictionaryColumn(std::move(e), owner);
}

bool codedStrings(py::handle value, seg::ColumnView& view, Split& s, std::size_t rows,
                  ColumnOwner& owner, const std::string& where) {
  py::object codes, texts;
  if (py::isinstance<py::tuple>(value) && py::len(value) == 2) {
    codes = value[py::int_(0)];
    texts = value[py::int_(1)];
  } else if (py::hasattr(value, "codes") && py::hasattr(value, "categories")) {
    codes = value.attr("codes");
    texts = value.attr("categories");
  } else {
    return false;
  }
  s = split(codes, rows, where + " codes");
  if (s.values.dtype().kind() == 'i') { // pandas writes -1 for a missing value
    py::object negative = numpy().attr("less")(s.values, 0);
    if (anyTrue(negative)) {
      addNulls(s, negative);
      s.values = numpy().attr("where")(negative, 0, s.values);
    }
  }
  s.values =
      integers(s.values, "uint32", 0, std::numeric_limits<std::uint32_t>::max(), where + " codes");
  Encoded e;
  for (py::handle text : texts)
    appendText(e, utf8(text.ptr(), where + " texts"));
  if (e.offsets.size() == 1) appendText(e, "");
  view = dictionaryColumn(std::move(e), owner);
  view.values = owner.keep(numpy().attr("ascontiguousarray")(s.values));
  return true;
}

seg::ColumnView nullTexts(std::size_t rows, ColumnOwner& owner) {
  Encoded e;
  e.codes.assign(rows, 0);
  appendText(e, "");
  return dictionaryColumn(std::move(e), owner);
}

} // namespace segpy::input
