// Deterministic generator of random well-typed Seg programs over the CRM schema: segments,
// partitions (with and without else), scores (per/if rules, caps, decay, range), ntile and
// metrics, referring to each other without cycles. Programs exclude the schema itself.
#pragma once

#include "ExprGenerator.h"
#include "FuzzRandom.h"
#include "GeneratedProgram.h"

#include <cstdint>
#include <map>
#include <string>

namespace seg::fuzz {

struct ProgramShape {
  int segments = 50;
  int partitions = 0;
  int scores = 0;
  int metrics = 0;
  bool ntile = false;             // ntile in segments, partitions, scores and metrics
  int maxDepth = 6;               // deepest expression tree (aggregate filters stay shallower)
  unsigned referencePercent = 25; // how often a leaf refers to an earlier definition
  bool strings = false;           // string-heavy expressions (ExprScope::strings)
  int clusters = 0;               // cluster definitions (K-means over generated numbers)
};

class ProgramGenerator {
public:
  explicit ProgramGenerator(std::uint64_t seed);

  GeneratedProgram generate(const ProgramShape& shape);
  // How often each construct was generated so far ("agg:sequence", "op:<=", ...).
  const std::map<std::string, std::uint64_t>& coverage() const { return coverage_; }

private:
  Definition segment(const ProgramShape& shape, std::size_t index);
  Definition partition(const ProgramShape& shape, std::size_t index);
  Definition score(const ProgramShape& shape, std::size_t index);
  Definition cluster(const ProgramShape& shape, std::size_t index);
  Definition metric(const ProgramShape& shape, std::size_t index);
  // A population aggregate and whether its value is an int.
  std::pair<std::string, bool> populationAggregate(const ExprScope& scope, int depth);
  std::string metricValue(const ExprScope& scope, int depth, bool& integral);
  std::string points();
  ExprScope contactScope(const ProgramShape& shape) const;

  FuzzRandom random_;
  std::map<std::string, std::uint64_t> coverage_;
  ExprGenerator exprs_;
  int names_ = 0;
};

} // namespace seg::fuzz
