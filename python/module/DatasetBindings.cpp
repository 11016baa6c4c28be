// seg.Dataset and seg.open / seg.load: a snapshot, a folder of CSV/NDJSON files or numpy
// arrays. Opening and loading run without the GIL.
#include "ArrayColumns.h"
#include "Bindings.h"
#include "Conversions.h"
#include "Errors.h"
#include "seg/Dataset.h"

#include <pybind11/stl.h>

namespace segpy {
namespace {

seg::Dataset open(py::handle path) {
  std::string p = pathString(path);
  auto opened = [&] {
    py::gil_scoped_release nogil;
    return seg::Dataset::open(p);
  }();
  return unwrap(std::move(opened));
}

// `schema`: a seg.Schema or the path of the .seg file declaring it.
seg::Dataset load(py::handle schema, py::handle dataDir, std::uint64_t maxErrors,
                  unsigned threads) {
  std::string dir = pathString(dataDir);
  seg::LoadOptions options{maxErrors, threads};
  std::optional<seg::Schema> given;
  std::string schemaPath;
  if (py::isinstance<seg::Schema>(schema))
    given = schema.cast<seg::Schema>();
  else
    schemaPath = pathString(schema);
  auto loaded = [&] {
    py::gil_scoped_release nogil;
    return given ? seg::Dataset::load(*given, dir, options)
                 : seg::Dataset::load(schemaPath, dir, options);
  }();
  return unwrap(std::move(loaded));
}

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

constexpr const char* kFromArraysDoc = R"(Binds numpy arrays as a dataset, without copying where
the dtype already is Seg's layout: int64 (int), float64 (float), bool or uint8 (bool), uint32
codes (enum: indices into Field.enum_values), datetime64[us] or int64 UTC microseconds
(timestamp). Other numeric dtypes are converted (a copy). Strings (str or object arrays) are
dictionary-encoded, a copy; a (codes, texts) pair or a pandas.Categorical keeps uint32 codes
viewed. Enums also take str arrays of their names.

contacts: {field: array}, one array per contact field, all of one length; a nullable field
    left out is all null.
events: {type: {"contact": contact rows (uint32, 0-based indices into the contact arrays),
    "at": times, property: array}}; event types left out have no events. Events out of
    (contact, at) order are copied into that order (bind_notes says so).

Nulls: masked entries of numpy.ma arrays, None (or NaN) in object arrays, NaN in float
arrays, NaT in datetime arrays. The arrays are kept alive by the dataset (and its results)
and must not be changed while it exists.)";

} // namespace

void bindDataset(py::module_& m) {
  py::class_<seg::Dataset>(m, "Dataset",
                           "Contacts and their events. Immutable; safe from any thread.")
      .def_static("open", &open, py::arg("path"), "A snapshot written by `seg import`.")
      .def_static("load", &load, py::arg("schema"), py::arg("data_dir"), py::arg("max_errors") = 0,
                  py::arg("threads") = 0,
                  "A folder of contacts and event files (CSV, NDJSON) checked against the "
                  "schema (a Schema or a .seg path).")
      .def_static(
          "from_arrays",
          [](const seg::Schema& schema, py::dict contacts, py::object events) {
            return datasetFromArrays(schema, contacts,
                                     events.is_none() ? py::dict() : py::dict(events));
          },
          py::arg("schema"), py::arg("contacts"), py::arg("events") = py::none(), kFromArraysDoc)
      .def_property_readonly("schema", &seg::Dataset::schema)
      .def_property_readonly("contacts", &seg::Dataset::contactCount, "the number of contacts")
      .def_property_readonly(
          "events", [](const seg::Dataset& d) { return d.eventCount(); },
          "the number of events, all types")
      .def(
          "event_count",
          [](const seg::Dataset& d, const std::string& type) {
            std::optional<std::size_t> n = d.eventCount(type);
            if (!n)
              raise(seg::Error(seg::ErrorCode::NotFound, "no event type named '" + type + "'"));
            return *n;
          },
          py::arg("type"))
      .def_property_readonly("from_snapshot", &seg::Dataset::fromSnapshot)
      .def_property_readonly("load_report", &seg::Dataset::loadReport)
      .def_property_readonly("rejected_rows", &seg::Dataset::rejectedRows)
      .def_property_readonly("bind_notes", &seg::Dataset::bindNotes,
                             "what binding arrays had to copy, and why")
      .def("__len__", &seg::Dataset::contactCount)
      .def("__repr__", [](const seg::Dataset& d) {
        const char* source = d.fromSnapshot() ? "snapshot" : "in memory";
        return "<seg.Dataset " + thousands(d.contactCount()) + " contacts, " +
               thousands(d.eventCount()) + " events (" + source + ")>";
      });

  m.def("open", &open, py::arg("path"), "A snapshot written by `seg import` (Dataset.open).");
  m.def("load", &load, py::arg("schema"), py::arg("data_dir"), py::arg("max_errors") = 0,
        py::arg("threads") = 0, "A folder of data files (Dataset.load).");
}

} // namespace segpy
