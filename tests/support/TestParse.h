// Parsing for tests: one in-memory file "test.seg" parsed (no checking), with its
// sources and diagnostics kept alive beside the tree.
#pragma once

#include "diag/DiagnosticSink.h"
#include "source/SourceManager.h"
#include "syntax/Parser.h"

#include <memory>
#include <string>
#include <vector>

namespace seg::test {

struct Parsed {
  SourceManager sources;
  DiagnosticSink diagnostics;
  ParseResult result;

  const Module& module() const { return *result.module; }
  // The first line ("test.seg:1:13: error: …") of every diagnostic, in report order.
  std::vector<std::string> messages() const;
  // Every diagnostic rendered in full, without colour.
  std::string rendered() const;
};

std::unique_ptr<Parsed> parse(const std::string& text, const ParseLimits& limits = {});

} // namespace seg::test
