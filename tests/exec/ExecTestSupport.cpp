// Store building, compiling and running for the execution tests.
#include "ExecTestSupport.h"

#include "TestCompile.h"
#include "exec/ColumnValues.h"
#include "exec/Interpreter.h"
#include "plan/Lowering.h"
#include "sema/StoreSchemaOf.h"
#include "store/StoreSchema.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>

namespace seg::test {

using runtime::ValueKind;

namespace {

void append(runtime::ColumnBuilder& column, runtime::DictionaryBuilder& dictionary,
            const runtime::ColumnSpec& spec, const Cell* cell) {
  if (cell == nullptr || std::holds_alternative<Null>(*cell)) {
    if (spec.nullable) {
      column.appendNull();
      return;
    }
    // A field the row does not name gets its type's zero when it cannot be null.
    switch (spec.kind) {
    case ValueKind::Float:
      column.appendFloat(0);
      break;
    case ValueKind::Bool:
      column.appendBool(false);
      break;
    case ValueKind::String:
      column.appendCode(dictionary.intern(""));
      break;
    case ValueKind::Enum:
      column.appendCode(0);
      break;
    default:
      column.appendInt(0);
      break;
    }
    return;
  }
  auto integer = [&]() -> std::int64_t {
    if (auto* v = std::get_if<std::int64_t>(cell)) return *v;
    if (auto* v = std::get_if<int>(cell)) return *v;
    if (auto* v = std::get_if<bool>(cell)) return *v ? 1 : 0;
    throw std::invalid_argument("field '" + spec.name + "' needs an integer");
  };
  auto text = [&]() -> std::string {
    if (auto* v = std::get_if<std::string>(cell)) return *v;
    if (auto* v = std::get_if<const char*>(cell)) return *v;
    throw std::invalid_argument("field '" + spec.name + "' needs a string");
  };
  switch (spec.kind) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    column.appendInt(integer());
    break;
  case ValueKind::Float:
    if (auto* v = std::get_if<double>(cell))
      column.appendFloat(*v);
    else
      column.appendFloat(static_cast<double>(integer()));
    break;
  case ValueKind::Bool:
    column.appendBool(integer() != 0);
    break;
  case ValueKind::String:
    column.appendCode(dictionary.intern(text()));
    break;
  case ValueKind::Enum: {
    std::string name = text();
    auto it = std::find(spec.enumValues.begin(), spec.enumValues.end(), name);
    if (it == spec.enumValues.end())
      throw std::invalid_argument("'" + name + "' is not a value of '" + spec.name + "'");
    column.appendCode(static_cast<std::uint32_t>(it - spec.enumValues.begin()));
    break;
  }
  }
}

const Cell* find(const Row& row, const std::string& name) {
  auto it = row.find(name);
  return it == row.end() ? nullptr : &it->second;
}

} // namespace

std::size_t StoreBuilder::contact(const Row& fields) {
  for (const auto& [name, cell] : fields)
    if (schema_.contactFieldIndex(name) < 0)
      throw std::invalid_argument("no contact field '" + name + "'");
  contacts_.push_back(fields);
  return contacts_.size() - 1;
}

void StoreBuilder::event(const std::string& type, std::size_t contactRow, std::int64_t at,
                         const Row& properties) {
  if (schema_.eventIndex(type) < 0) throw std::invalid_argument("no event type '" + type + "'");
  events_[type].push_back({contactRow, at, properties});
}

runtime::Store StoreBuilder::finish() const {
  runtime::Store store;
  store.schema = schema_;
  store.contacts.rows = contacts_.size();
  for (const runtime::ColumnSpec& spec : schema_.contactFields) {
    runtime::ColumnBuilder column(spec.kind, spec.nullable);
    runtime::DictionaryBuilder dictionary;
    for (const Row& row : contacts_)
      append(column, dictionary, spec, find(row, spec.name));
    store.contacts.columns.push_back(column.finish());
    store.contacts.dictionaries.push_back(spec.kind == ValueKind::String ? dictionary.finish()
                                                                         : runtime::Dictionary());
  }
  for (const runtime::EventSpec& spec : schema_.events) {
    std::vector<Event> events;
    if (auto it = events_.find(spec.name); it != events_.end()) events = it->second;
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.contact != b.contact ? a.contact < b.contact : a.at < b.at;
    });
    auto offsets = std::make_shared<std::vector<std::uint32_t>>(contacts_.size() + 1, 0);
    for (const Event& e : events)
      ++(*offsets)[e.contact + 1];
    for (std::size_t c = 0; c < contacts_.size(); ++c)
      (*offsets)[c + 1] += (*offsets)[c];
    runtime::EventTable table;
    table.rows = events.size();
    table.offsets = *offsets;
    table.offsetsOwner = offsets;
    for (std::size_t p = 0; p < spec.properties.size(); ++p) {
      const runtime::ColumnSpec& property = spec.properties[p];
      runtime::ColumnBuilder column(property.kind, p == 0 ? false : property.nullable);
      runtime::DictionaryBuilder dictionary;
      for (const Event& e : events) {
        if (p == 0) {
          column.appendInt(e.at);
          continue;
        }
        append(column, dictionary, property, find(e.properties, property.name));
      }
      table.columns.push_back(column.finish());
      table.dictionaries.push_back(property.kind == ValueKind::String ? dictionary.finish()
                                                                      : runtime::Dictionary());
    }
    store.events.push_back(std::move(table));
  }
  return store;
}

const std::string& testSchema() {
  static const std::string schema = R"(schema {
  contact {
    id: int key
    n: int?
    m: int?
    x: float?
    y: float?
    s: string?
    t: string?
    b: bool?
    c: bool?
    e: enum { red, green, blue }?
    ts: timestamp?
    g: string
  }
  event ev { v: int?  f: float?  w: string? }
  event click { }
}
)";
  return schema;
}

runtime::StoreSchema storeSchemaOfText(const std::string& schemaText) {
  Compilation compilation = compileText(schemaText);
  EXPECT_TRUE(compilation.ok()) << renderAll(compilation);
  return storeSchemaOf(compilation.program->schema);
}

std::int32_t Ran::slot(const std::string& name) const {
  for (std::size_t s = 0; s < plan.slots.size(); ++s)
    if (plan.slots[s].name == name) return static_cast<std::int32_t>(s);
  throw std::invalid_argument("no slot '" + name + "'");
}

std::set<std::size_t> Ran::members(const std::string& name) const {
  std::set<std::size_t> out;
  const exec::ContactColumn& column = result.bound->slots.at(slot(name));
  for (std::size_t row = 0; row < store.contacts.rows; ++row)
    if (exec::readContactColumn(column, row).isTrue()) out.insert(row);
  return out;
}

std::vector<std::optional<double>> Ran::values(const std::string& name) const {
  std::vector<std::optional<double>> out;
  const exec::ContactColumn& column = result.bound->slots.at(slot(name));
  for (std::size_t row = 0; row < store.contacts.rows; ++row) {
    exec::Value v = exec::readContactColumn(column, row);
    if (!v.valid)
      out.emplace_back();
    else if (column.type == plan::ValueType::Float)
      out.emplace_back(v.f);
    else
      out.emplace_back(static_cast<double>(v.i));
  }
  return out;
}

const exec::MetricResult& Ran::metric(const std::string& name) const {
  for (const exec::MetricResult& m : result.metrics)
    if (m.name == name) return m;
  throw std::invalid_argument("no metric '" + name + "'");
}

std::unique_ptr<Ran> run(const std::string& program, runtime::Store store, std::int64_t now,
                         unsigned threads, const plan::LoweringOptions& lowering) {
  auto ran = std::make_unique<Ran>();
  bool ownSchema = program.find("schema {") != std::string::npos;
  ran->compilation = compileText(ownSchema ? program : testSchema() + "\n" + program);
  if (!ran->compilation.ok()) {
    ADD_FAILURE() << renderAll(ran->compilation);
    return nullptr;
  }
  ran->plan = plan::lowerProgram(*ran->compilation.program, lowering);
  ran->store = std::move(store);
  exec::RunOptions options;
  options.now = now;
  options.threads = threads;
  ran->result = exec::execute(ran->plan, ran->store, options, exec::makeInterpreter).value();
  return ran;
}

} // namespace seg::test
