// The program's named definitions: per-contact values (segments, partitions, scores),
// partition branches, and metrics, which live in a namespace of their own.
#pragma once

#include "ast/Decl.h"

#include <map>
#include <string>
#include <vector>

namespace seg {

struct BranchRef {
  const PartitionDecl* partition;
  std::uint32_t index;
};

struct Definitions {
  std::map<std::string, const Decl*> values;
  std::map<std::string, std::vector<BranchRef>> branches; // by bare branch name
  std::map<std::string, const MetricDecl*> metrics;

  // "segment", "score", "partition" — for messages.
  static std::string_view kindWord(const Decl& decl);
  static const Ident& nameOf(const Decl& decl);
};

} // namespace seg
