#include "sema/SchemaChecker.h"

#include "base/Suggest.h"

#include <fmt/format.h>
#include <map>

namespace seg {
namespace {

const std::vector<std::string>& typeNames() {
  static const std::vector<std::string> names = {"int",    "float",     "bool",
                                                 "string", "timestamp", "duration"};
  return names;
}

class SchemaBuilder {
public:
  SchemaBuilder(CheckedSchema& schema, DiagnosticSink& diagnostics)
      : schema_(schema), diagnostics_(diagnostics) {}

  bool hasContact() const { return contactBlock_ != nullptr; }

  void addContactBlock(const SchemaBlock& block) {
    if (contactBlock_ != nullptr) {
      SourceDiagnostic& d = diagnostics_.error(block.range, "the schema declares 'contact' twice");
      d.hints.push_back("declare all contact fields in one 'contact { … }' block");
      d.notes.push_back({contactBlock_->range, "first declared here"});
      return;
    }
    contactBlock_ = &block;
    std::map<std::string, const FieldDecl*> seen;
    bool keyAttempted = false; // a rejected key field was reported already
    for (const FieldDecl& field : block.fields) {
      keyAttempted = keyAttempted || field.isKey;
      if (!checkUnique(field, seen)) continue;
      std::optional<Type> type = resolveType(field);
      if (!type) continue;
      if (field.isKey) {
        if (schema_.keyField >= 0) {
          SourceDiagnostic& d =
              diagnostics_.error(field.name.range, "the contact has two key fields");
          d.notes.push_back({schema_.contactFields[schema_.keyField].decl->name.range,
                             "the key is already declared here"});
          continue;
        }
        if (type->nullable || (type->kind != TypeKind::Int && type->kind != TypeKind::String)) {
          SourceDiagnostic& d = diagnostics_.error(
              field.type.range,
              fmt::format("the key field '{}' must be 'int' or 'string' and never null",
                          field.name.text));
          d.hints.push_back("ids identify each contact; every contact needs one");
          continue;
        }
        schema_.keyField = static_cast<int>(schema_.contactFields.size());
      }
      schema_.contactFields.push_back({field.name.text, *type, field.isKey, field.isPii, &field});
    }
    if (schema_.keyField < 0 && !keyAttempted) {
      SourceDiagnostic& d = diagnostics_.error(block.range, "the contact has no key field");
      d.hints.push_back("mark the field that identifies a contact: id: int key");
    }
  }

  void addEventBlock(const SchemaBlock& block) {
    if (auto previous = schema_.eventIndex(block.eventName.text)) {
      SourceDiagnostic& d = diagnostics_.error(
          block.eventName.range, fmt::format("event '{}' is declared twice", block.eventName.text));
      d.notes.push_back({schema_.events[*previous].decl->eventName.range, "first declared here"});
      return;
    }
    EventInfo event;
    event.name = block.eventName.text;
    event.decl = &block;
    event.properties.push_back({"at", Type::of(TypeKind::Timestamp), false, false, nullptr});
    std::map<std::string, const FieldDecl*> seen;
    for (const FieldDecl& field : block.fields) {
      if (field.name.text == "at") {
        SourceDiagnostic& d = diagnostics_.error(
            field.name.range, "'at' is implicit in every event and cannot be declared");
        d.hints.push_back("every event already has 'at: timestamp', the time it happened");
        continue;
      }
      if (!checkUnique(field, seen)) continue;
      if (field.isKey) {
        SourceDiagnostic& d =
            diagnostics_.error(field.modifierRanges.empty() ? field.range : field.modifierRanges[0],
                               "'key' marks the contact id; events cannot have one");
        d.hints.push_back("events belong to a contact through its key");
        continue;
      }
      std::optional<Type> type = resolveType(field);
      if (!type) continue;
      event.properties.push_back({field.name.text, *type, false, field.isPii, &field});
    }
    schema_.events.push_back(std::move(event));
  }

private:
  bool checkUnique(const FieldDecl& field, std::map<std::string, const FieldDecl*>& seen) {
    auto [it, inserted] = seen.emplace(field.name.text, &field);
    if (!inserted) {
      SourceDiagnostic& d = diagnostics_.error(
          field.name.range, fmt::format("field '{}' is declared twice", field.name.text));
      d.notes.push_back({it->second->name.range, "first declared here"});
      return false;
    }
    if (field.modifierRanges.size() == 2 && field.isKey != field.isPii) {
      diagnostics_.error(field.modifierRanges[1], "this modifier is repeated");
      return false;
    }
    if (field.modifierRanges.size() > 2) {
      diagnostics_.error(field.modifierRanges.back(), "this modifier is repeated");
      return false;
    }
    return true;
  }

  std::optional<Type> resolveType(const FieldDecl& field) {
    const TypeRef& ref = field.type;
    if (ref.isEnum) {
      EnumType enumType;
      enumType.name = field.name.text;
      for (const Ident& value : ref.enumValues) {
        if (enumType.indexOf(value.text)) {
          diagnostics_.error(value.range,
                             fmt::format("enum value '{}' is listed twice", value.text));
          return std::nullopt;
        }
        enumType.values.push_back(value.text);
      }
      return Type::enumOf(schema_.addEnum(std::move(enumType)), ref.nullable);
    }
    const std::string& name = ref.name.text;
    std::optional<TypeKind> kind;
    if (name == "int")
      kind = TypeKind::Int;
    else if (name == "float")
      kind = TypeKind::Float;
    else if (name == "bool")
      kind = TypeKind::Bool;
    else if (name == "string")
      kind = TypeKind::String;
    else if (name == "timestamp")
      kind = TypeKind::Timestamp;
    if (name == "duration") {
      SourceDiagnostic& d = diagnostics_.error(ref.name.range, "'duration' is for literals only");
      d.hints.push_back("store a length of time as an int number of seconds, or as timestamps");
      return std::nullopt;
    }
    if (!kind) {
      SourceDiagnostic& d =
          diagnostics_.error(ref.name.range, fmt::format("unknown type '{}'", name));
      static const std::map<std::string, std::string> kAliases = {
          {"integer", "int"},    {"long", "int"},       {"bigint", "int"},
          {"double", "float"},   {"number", "float"},   {"decimal", "float"},
          {"real", "float"},     {"boolean", "bool"},   {"text", "string"},
          {"varchar", "string"}, {"str", "string"},     {"datetime", "timestamp"},
          {"date", "timestamp"}, {"time", "timestamp"}, {"timestamptz", "timestamp"}};
      if (auto alias = kAliases.find(name); alias != kAliases.end())
        d.hints.push_back(fmt::format("did you mean '{}'?", alias->second));
      else if (auto near = base::closestName(name, typeNames()))
        d.hints.push_back(fmt::format("did you mean '{}'?", *near));
      else
        d.hints.push_back("types are int, float, bool, string, timestamp and enum { … }");
      return std::nullopt;
    }
    return Type::of(*kind, ref.nullable);
  }

  CheckedSchema& schema_;
  DiagnosticSink& diagnostics_;
  const SchemaBlock* contactBlock_ = nullptr;
};

} // namespace

void checkSchema(CheckedProgram& program, DiagnosticSink& diagnostics) {
  SchemaBuilder builder(program.schema, diagnostics);
  const SchemaDecl* firstSchema = nullptr;
  for (const LoadedModule& loaded : program.modules) {
    for (const DeclPtr& decl : loaded.module->decls) {
      if (decl->kind != DeclKind::Schema) continue;
      program.schema.declared = true;
      if (firstSchema == nullptr) firstSchema = &decl->as<SchemaDecl>();
      for (const SchemaBlock& block : decl->as<SchemaDecl>().blocks) {
        if (block.isContact)
          builder.addContactBlock(block);
        else
          builder.addEventBlock(block);
      }
    }
  }
  if (firstSchema != nullptr && !builder.hasContact() && !firstSchema->incomplete) {
    SourceDiagnostic& d =
        diagnostics.error(firstSchema->range, "the schema has no 'contact' block");
    d.hints.push_back("declare the contact fields: contact { id: int key … }");
  }
}

} // namespace seg
