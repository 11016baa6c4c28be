// The table list of an export, in schema order: contacts first, then one per event type.
#include "warehouse/ExportTables.h"

#include "sql/SqlDialect.h"

namespace seg::warehouse {

std::vector<ExportTable> exportTables(const runtime::Store& store, const std::string& prefix) {
  std::vector<ExportTable> tables;
  ExportTable contacts{prefix + "contacts",
                       sql::quoteIdentifier(prefix + "contacts"),
                       {},
                       {},
                       store.contacts.rows,
                       -1};
  for (const runtime::ColumnSpec& field : store.schema.contactFields) {
    contacts.columns.push_back(sql::quoteIdentifier(field.name));
    contacts.specs.push_back(&field);
  }
  tables.push_back(std::move(contacts));
  for (std::size_t e = 0; e < store.schema.events.size(); ++e) {
    const std::string name = prefix + "event_" + store.schema.events[e].name;
    ExportTable table{name,      sql::quoteIdentifier(name), {"contact_key"},
                      {nullptr}, store.events[e].rows,       static_cast<std::int64_t>(e)};
    for (const runtime::ColumnSpec& property : store.schema.events[e].properties) {
      table.columns.push_back(sql::quoteIdentifier(property.name));
      table.specs.push_back(&property);
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

} // namespace seg::warehouse
