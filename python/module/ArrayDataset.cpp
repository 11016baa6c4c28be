// Dataset.from_arrays: the contact columns and event columns of a schema from dicts of
// arrays, bound through Dataset::fromColumns with the arrays kept alive by its owner.
#include "ArrayColumns.h"
#include "ColumnConversion.h"
#include "Errors.h"

#include <set>

namespace segpy {
namespace {

// Every key of `given` must be one of `known`: a misspelt column would otherwise be a silently
// all-null field.
void checkNames(py::dict given, const std::set<std::string>& known, const std::string& what) {
  for (auto [key, value] : given) {
    std::string name = py::str(key).cast<std::string>();
    if (known.count(name) != 0) continue;
    std::string expected;
    for (const std::string& k : known)
      expected += (expected.empty() ? "" : ", ") + k;
    raise(seg::Error(seg::ErrorCode::NotFound,
                     what + " has no '" + name + "' (expected one of: " + expected + ")"));
  }
}

py::handle item(py::dict d, const std::string& key) {
  return d.contains(key) ? py::handle(d[py::str(key)]) : py::handle();
}

std::string quoted(const std::string& s) {
  return "['" + s + "']";
}

seg::EventColumns eventColumns(const seg::EventType& type, py::dict columns, ColumnOwner& owner) {
  std::string where = "events" + quoted(type.name);
  std::set<std::string> known{"contact", "at"};
  for (const seg::Field& p : type.properties)
    known.insert(p.name);
  checkNames(columns, known, where);
  if (!columns.contains("contact") || !columns.contains("at"))
    raiseInvalid(where + ": needs 'contact' (contact rows) and 'at' (times)");
  seg::EventColumns out;
  out.type = type.name;
  out.contactRows =
      bindContactRows(item(columns, "contact"), owner, where + quoted("contact"), out.rows);
  out.at = bindTimes(item(columns, "at"), out.rows, owner, where + quoted("at"));
  for (const seg::Field& p : type.properties)
    out.properties.push_back(
        bindColumn(p, item(columns, p.name), out.rows, owner, where + quoted(p.name)));
  return out;
}

} // namespace

seg::Dataset datasetFromArrays(const seg::Schema& schema, py::dict contacts, py::dict events) {
  std::set<std::string> fieldNames, eventNames;
  for (const seg::Field& f : schema.fields())
    fieldNames.insert(f.name);
  for (const seg::EventType& e : schema.events())
    eventNames.insert(e.name);
  checkNames(contacts, fieldNames, "the schema's contacts");
  checkNames(events, eventNames, "the schema's events");

  const seg::Field& key = schema.keyField();
  if (!contacts.contains(key.name))
    raiseInvalid("contacts" + quoted(key.name) + ": the contact key is required");
  std::size_t rows = lengthOf(item(contacts, key.name), "contacts" + quoted(key.name));

  std::shared_ptr<ColumnOwner> owner = ColumnOwner::make();
  std::vector<seg::ColumnView> contactColumns;
  for (const seg::Field& f : schema.fields())
    contactColumns.push_back(
        bindColumn(f, item(contacts, f.name), rows, *owner, "contacts" + quoted(f.name)));
  std::vector<seg::EventColumns> eventColumnsList;
  for (const seg::EventType& type : schema.events()) {
    if (!events.contains(type.name)) continue; // none of this type
    py::handle columns = events[py::str(type.name)];
    if (!py::isinstance<py::dict>(columns))
      raiseInvalid("events" + quoted(type.name) + ": expected a dict of arrays");
    eventColumnsList.push_back(
        eventColumns(type, py::reinterpret_borrow<py::dict>(columns), *owner));
  }

  seg::BindOptions options;
  options.owner = owner;
  // Checking every value reads all the columns: without the GIL, so other threads go on.
  auto bound = [&] {
    py::gil_scoped_release nogil;
    return seg::Dataset::fromColumns(schema, rows, contactColumns, eventColumnsList, options);
  }();
  return unwrap(std::move(bound));
}

} // namespace segpy
