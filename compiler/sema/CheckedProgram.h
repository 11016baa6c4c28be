// A checked Seg program: every module it read, the schema, and its definitions in an
// order where each comes after everything it reads.
#pragma once

#include "ast/Decl.h"
#include "sema/CheckedSchema.h"
#include "source/SourceManager.h"

#include <memory>
#include <vector>

namespace seg {

struct LoadedModule {
  std::unique_ptr<Module> module;
  std::string canonicalPath; // empty for stdin
  bool fromCommandLine = false;
  bool fromStdlib = false;
};

struct CheckedProgram {
  SourceManager sources;
  std::vector<LoadedModule> modules; // in load order
  CheckedSchema schema;

  // Per-contact definitions (segments, partitions, scores) in dependency order.
  std::vector<const Decl*> evaluationOrder;
  std::vector<const MetricDecl*> metrics;

  // An import could not be loaded: names it would have defined are unknown, and saying
  // so for each use would bury the one real error.
  bool importsFailed = false;

  std::size_t segmentCount = 0;
  std::size_t partitionCount = 0;
  std::size_t scoreCount = 0;
};

} // namespace seg
