// seg::Schema: built from the runtime's StoreSchema, compiled from `schema { … }` source,
// and rendered back to source.
#include "Detail.h"
#include "seg/Version.h"
#include "sema/StoreSchemaOf.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace seg {

const char* version() {
  return SEG_VERSION_STRING;
}

std::string_view fieldTypeName(FieldType type) {
  return runtime::valueKindName(static_cast<runtime::ValueKind>(type));
}

namespace detail {
namespace {

// FieldType mirrors runtime::ValueKind one to one, so the cast above is exact.
static_assert(static_cast<int>(FieldType::Int) == static_cast<int>(runtime::ValueKind::Int) &&
              static_cast<int>(FieldType::Float) == static_cast<int>(runtime::ValueKind::Float) &&
              static_cast<int>(FieldType::Bool) == static_cast<int>(runtime::ValueKind::Bool) &&
              static_cast<int>(FieldType::String) == static_cast<int>(runtime::ValueKind::String) &&
              static_cast<int>(FieldType::Enum) == static_cast<int>(runtime::ValueKind::Enum) &&
              static_cast<int>(FieldType::Timestamp) ==
                  static_cast<int>(runtime::ValueKind::Timestamp));

Field fieldOf(const runtime::ColumnSpec& spec) {
  return {spec.name,      static_cast<FieldType>(spec.kind), spec.nullable, spec.isKey, spec.isPii,
          spec.enumValues};
}

std::string fieldSource(const Field& f) {
  std::string type = f.type == FieldType::Enum
                         ? fmt::format("enum {{ {} }}", fmt::join(f.enumValues, ", "))
                         : std::string(fieldTypeName(f.type));
  return fmt::format("{}: {}{}{}{}", f.name, type, f.nullable ? "?" : "", f.key ? " key" : "",
                     f.pii ? " pii" : "");
}

Expected<Schema> schemaOf(const std::vector<CompileInput>& inputs) {
  Compilation compilation = compile(inputs);
  if (!compilation.ok()) return compileError(compilation);
  if (compilation.program->schema.keyField < 0)
    return Error(ErrorCode::InvalidArgument,
                 "no schema with a contact key: declare `schema { contact { id: int key … } }`");
  return Schema(makeSchemaData(storeSchemaOf(compilation.program->schema)));
}

} // namespace

std::shared_ptr<const SchemaData> makeSchemaData(runtime::StoreSchema store) {
  auto data = std::make_shared<SchemaData>();
  for (const runtime::ColumnSpec& spec : store.contactFields)
    data->fields.push_back(fieldOf(spec));
  for (const runtime::EventSpec& event : store.events) {
    EventType type{event.name, {}};
    for (std::size_t p = 1; p < event.properties.size(); ++p) // [0] is `at`
      type.properties.push_back(fieldOf(event.properties[p]));
    data->events.push_back(std::move(type));
  }
  data->store = std::move(store);
  return data;
}

} // namespace detail

Schema::Schema(std::shared_ptr<const detail::SchemaData> data) : data_(std::move(data)) {}

Expected<Schema> Schema::compileFiles(const std::vector<std::string>& paths) {
  if (paths.empty()) return Error(ErrorCode::InvalidArgument, "no schema files given");
  std::vector<CompileInput> inputs;
  for (const std::string& path : paths)
    inputs.push_back({path, {}, false, {}});
  return detail::schemaOf(inputs);
}

Expected<Schema> Schema::compileSource(std::string_view text, std::string_view name) {
  return detail::schemaOf({{std::string(name), std::string(text), true, {}}});
}

const std::vector<Field>& Schema::fields() const {
  return data_->fields;
}

const std::vector<EventType>& Schema::events() const {
  return data_->events;
}

const Field& Schema::keyField() const {
  return data_->fields.at(static_cast<std::size_t>(data_->store.keyField));
}

const Field* Schema::field(std::string_view name) const {
  for (const Field& f : data_->fields)
    if (f.name == name) return &f;
  return nullptr;
}

const EventType* Schema::event(std::string_view name) const {
  for (const EventType& e : data_->events)
    if (e.name == name) return &e;
  return nullptr;
}

std::string Schema::toSource() const {
  std::string out = "schema {\n  contact {\n";
  for (const Field& f : data_->fields)
    out += fmt::format("    {}\n", detail::fieldSource(f));
  out += "  }\n";
  for (const EventType& e : data_->events) {
    if (e.properties.empty()) {
      out += fmt::format("  event {} {{}}\n", e.name);
      continue;
    }
    out += fmt::format("  event {} {{\n", e.name);
    for (const Field& f : e.properties)
      out += fmt::format("    {}\n", detail::fieldSource(f));
    out += "  }\n";
  }
  return out + "}\n";
}

std::uint64_t Schema::fingerprint() const {
  return data_->store.fingerprint();
}

bool operator==(const Schema& a, const Schema& b) {
  return a.data_ == b.data_ || a.data_->store == b.data_->store;
}

} // namespace seg
