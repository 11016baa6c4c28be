// seg.Schema, seg.Field and seg.EventType: read-only introspection of the contact fields and
// event types a program is checked against and a dataset holds.
#include "Bindings.h"
#include "Conversions.h"
#include "Errors.h"
#include "seg/Schema.h"

#include <pybind11/stl.h>

namespace segpy {
namespace {

// As the field is declared in Seg: `age: int?`, `id: int key`, `plan: enum { free, pro }`.
std::string declaration(const seg::Field& f) {
  std::string out = f.name + ": ";
  if (f.type == seg::FieldType::Enum) {
    out += "enum {";
    for (std::size_t i = 0; i < f.enumValues.size(); ++i)
      out += (i == 0 ? " " : ", ") + f.enumValues[i];
    out += " }";
  } else {
    out += seg::fieldTypeName(f.type);
  }
  if (f.nullable) out += "?";
  if (f.key) out += " key";
  if (f.pii) out += " pii";
  return out;
}

[[noreturn]] void noSuch(const std::string& what, const std::string& name) {
  raise(
      seg::Error(seg::ErrorCode::NotFound, "the schema has no " + what + " named '" + name + "'"));
}

} // namespace

void bindSchema(py::module_& m) {
  py::class_<seg::Field>(m, "Field", "A contact field or event property (read-only).")
      .def_readonly("name", &seg::Field::name)
      .def_property_readonly(
          "type", [](const seg::Field& f) { return std::string(seg::fieldTypeName(f.type)); },
          "'int', 'float', 'bool', 'string', 'enum' or 'timestamp'")
      .def_readonly("nullable", &seg::Field::nullable)
      .def_readonly("key", &seg::Field::key, "the contact key (contact fields only)")
      .def_readonly("pii", &seg::Field::pii, "personal data: masked in outputs unless asked for")
      .def_readonly("enum_values", &seg::Field::enumValues, "an enum's values, in code order")
      .def("__repr__", [](const seg::Field& f) { return "seg.Field(" + declaration(f) + ")"; });

  py::class_<seg::EventType>(m, "EventType",
                             "An event type: every event also has `at` and a contact.")
      .def_readonly("name", &seg::EventType::name)
      .def_readonly("properties", &seg::EventType::properties, "the properties besides `at`")
      .def("__repr__", [](const seg::EventType& e) {
        std::string out = "seg.EventType(" + e.name + " {";
        for (std::size_t i = 0; i < e.properties.size(); ++i)
          out += (i == 0 ? " " : ", ") + declaration(e.properties[i]);
        return out + (e.properties.empty() ? "})" : " })");
      });

  py::class_<seg::Schema>(m, "Schema",
                          "Contact fields and event types. Immutable; safe from any thread.")
      .def_static(
          "from_files",
          [](py::handle paths) {
            std::vector<std::string> list = pathList(paths);
            auto schema = [&] {
              py::gil_scoped_release nogil;
              return seg::Schema::compileFiles(list);
            }();
            return unwrap(std::move(schema));
          },
          py::arg("paths"), "The `schema { ... }` blocks of these .seg files (and their imports).")
      .def_static(
          "from_source",
          [](const std::string& text, const std::string& name) {
            return unwrap(seg::Schema::compileSource(text, name));
          },
          py::arg("text"), py::arg("name") = "<schema>", "A schema from Seg source text.")
      .def_property_readonly("fields", &seg::Schema::fields, "contact fields, in schema order")
      .def_property_readonly("events", &seg::Schema::events, "event types, in schema order")
      .def_property_readonly("key", &seg::Schema::keyField, "the contact key field")
      .def(
          "field",
          [](const seg::Schema& s, const std::string& name) {
            const seg::Field* f = s.field(name);
            if (f == nullptr) noSuch("contact field", name);
            return *f;
          },
          py::arg("name"))
      .def(
          "event",
          [](const seg::Schema& s, const std::string& name) {
            const seg::EventType* e = s.event(name);
            if (e == nullptr) noSuch("event type", name);
            return *e;
          },
          py::arg("name"))
      .def("to_source", &seg::Schema::toSource, "the schema as Seg source, which compiles to it")
      .def_property_readonly("fingerprint", &seg::Schema::fingerprint,
                             "equal schemas, equal fingerprints (also across processes)")
      .def("__eq__",
           [](const seg::Schema& a, py::handle b) -> py::object {
             if (!py::isinstance<seg::Schema>(b))
               return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(a == b.cast<const seg::Schema&>());
           })
      .def("__hash__",
           [](const seg::Schema& s) { return static_cast<py::ssize_t>(s.fingerprint()); })
      .def("__repr__", [](const seg::Schema& s) {
        return "<seg.Schema " + std::to_string(s.fields().size()) + " contact fields (key " +
               s.keyField().name + "), " + std::to_string(s.events().size()) + " event types>";
      });
}

} // namespace segpy
