// The checker tests' helpers: a snippet compiled as "test.seg" beside the CRM schema, its
// diagnostics' first lines and hints, and the types the checker stored in the AST.
#pragma once

#include "TempDir.h"
#include "TestCompile.h"
#include "types/Type.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace seg::checker_test {

using test::crmSchema;

// ------------------------------------------------------------------------------ helpers

inline Compilation check(const std::string& text) {
  return compile(
      {CompileInput{"schema.seg", crmSchema(), true}, CompileInput{"test.seg", text, true}});
}

// The first line of every diagnostic of TEXT, one per line ("" when there are none).
inline std::string diagnostics(const std::string& text) {
  std::string out;
  for (const std::string& line : test::messages(check(text)))
    out += (out.empty() ? "" : "\n") + line;
  return out;
}

inline ::testing::AssertionResult accepts(const std::string& text) {
  Compilation compilation = check(text);
  if (compilation.diagnostics.all().empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no diagnostics for:\n"
                                       << text << "\ngot:\n"
                                       << test::renderAll(compilation);
}

// The hints of the first diagnostic of TEXT.
inline std::vector<std::string> hints(const std::string& text) {
  Compilation compilation = check(text);
  if (compilation.diagnostics.all().empty()) return {"<no diagnostic>"};
  return compilation.diagnostics.all().front().hints;
}

inline bool hasHint(const std::string& text, const std::string& hint) {
  for (const std::string& h : hints(text))
    if (h == hint) return true;
  return false;
}

inline const SegmentDecl* findSegment(const Compilation& compilation, const std::string& name) {
  for (const LoadedModule& loaded : compilation.program->modules)
    for (const DeclPtr& decl : loaded.module->decls)
      if (decl->kind == DeclKind::Segment && decl->as<SegmentDecl>().name.text == name)
        return &decl->as<SegmentDecl>();
  return nullptr;
}

// The type the checker gives EXPR (e.g. "int?"), read from the AST. DEFINITIONS may add
// segments, partitions or scores that EXPR uses.
inline std::string typeOf(const std::string& expr, const std::string& definitions = "") {
  Compilation compilation = check(definitions + "\nsegment probe_ = (" + expr + ") is null");
  if (compilation.diagnostics.hasErrors()) return "<errors>\n" + test::renderAll(compilation);
  const SegmentDecl* probe = findSegment(compilation, "probe_");
  if (probe == nullptr || probe->condition == nullptr || probe->condition->kind != ExprKind::IsNull)
    return "<no probe>";
  return typeName(probe->condition->as<IsNullExpr>().value->type);
}

// The type of segment NAME's condition, as the checker stored it in the AST.
inline std::string conditionType(const std::string& text, const std::string& name) {
  Compilation compilation = check(text);
  const SegmentDecl* segment = findSegment(compilation, name);
  if (segment == nullptr || segment->condition == nullptr) return "<no segment>";
  return typeName(segment->condition->type);
}

inline constexpr const char* kLifecycle = R"(partition lifecycle {
  churned = last_seen_at < now - 90d
  at_risk = last_seen_at < now - 30d
  active  = exists(page_view within 7d)
  dormant = else
}
)"; // 6 lines: a snippet appended to it starts on line 7

inline Compilation compileFiles(const std::vector<std::string>& paths) {
  std::vector<CompileInput> inputs;
  for (const std::string& path : paths)
    inputs.push_back(CompileInput{path, {}, false});
  return compile(inputs);
}

inline std::vector<std::string> rawMessages(const Compilation& compilation) {
  std::vector<std::string> out;
  for (const SourceDiagnostic& d : compilation.diagnostics.all())
    out.push_back(d.message);
  return out;
}

} // namespace seg::checker_test
