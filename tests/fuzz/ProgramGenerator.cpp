// Definitions of generated programs; expressions come from ExprGenerator.
#include "ProgramGenerator.h"

#include <algorithm>

namespace seg::fuzz {

ProgramGenerator::ProgramGenerator(std::uint64_t seed)
    : random_(seed), exprs_(random_, coverage_) {}

ExprScope ProgramGenerator::contactScope(const ProgramShape& shape) const {
  ExprScope scope;
  scope.ntile = shape.ntile;
  scope.references = true;
  scope.strings = shape.strings;
  return scope;
}

GeneratedProgram ProgramGenerator::generate(const ProgramShape& shape) {
  exprs_.clearReferables();
  names_ = 0;
  // Segments, partitions and scores in a random order; each may use those before it.
  std::vector<DefinitionKind> order;
  order.insert(order.end(), shape.segments, DefinitionKind::Segment);
  order.insert(order.end(), shape.partitions, DefinitionKind::Partition);
  order.insert(order.end(), shape.scores, DefinitionKind::Score);
  // Clusters are partitions to the rest of the program; Metric marks them in this list.
  order.insert(order.end(), shape.clusters, DefinitionKind::Metric);
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[random_.below(i)]);
  GeneratedProgram program;
  for (DefinitionKind kind : order) {
    std::size_t index = program.definitions.size();
    switch (kind) {
    case DefinitionKind::Partition:
      program.definitions.push_back(partition(shape, index));
      break;
    case DefinitionKind::Score:
      program.definitions.push_back(score(shape, index));
      break;
    case DefinitionKind::Metric:
      program.definitions.push_back(cluster(shape, index));
      break;
    default:
      program.definitions.push_back(segment(shape, index));
      break;
    }
  }
  for (int m = 0; m < shape.metrics; ++m)
    program.definitions.push_back(metric(shape, program.definitions.size()));
  return program;
}

Definition ProgramGenerator::segment(const ProgramShape& shape, std::size_t index) {
  Definition d;
  d.kind = DefinitionKind::Segment;
  d.name = "s" + std::to_string(names_++);
  ExprScope scope = contactScope(shape);
  scope.references = random_.below(100) < shape.referencePercent * 2;
  d.text = "segment " + d.name + " = " + exprs_.condition(scope, shape.maxDepth) + "\n";
  exprs_.takeUses(d.uses);
  exprs_.note("segment");
  exprs_.addReferable({index, d.name, DefinitionKind::Segment, {}, false});
  return d;
}

Definition ProgramGenerator::partition(const ProgramShape& shape, std::size_t index) {
  Definition d;
  d.kind = DefinitionKind::Partition;
  d.name = "p" + std::to_string(names_++);
  int branches = random_.range(1, 4);
  bool hasElse = random_.chance(60);
  exprs_.note(hasElse ? "partition-else" : "partition-no-else");
  std::vector<std::string> names;
  d.text = "partition " + d.name + " {\n";
  ExprScope scope = contactScope(shape);
  for (int b = 0; b < branches; ++b) {
    names.push_back(d.name + "_b" + std::to_string(b));
    d.text += "  " + names.back() + " = " + exprs_.condition(scope, shape.maxDepth - 1) + "\n";
  }
  if (hasElse) {
    names.push_back(d.name + "_else");
    d.text += "  " + names.back() + " = else\n";
  }
  d.text += "}\n";
  exprs_.takeUses(d.uses);
  exprs_.addReferable({index, d.name, DefinitionKind::Partition, names, hasElse});
  return d;
}

// K-means over 1 to 3 numbers of the contact; its branches c1 … ck are referable like a
// partition's (one cluster per program, so the bare names stay unique).
Definition ProgramGenerator::cluster(const ProgramShape& shape, std::size_t index) {
  Definition d;
  d.kind = DefinitionKind::Partition;
  d.name = "cl" + std::to_string(names_++);
  const int k = random_.range(2, 5);
  d.text = "cluster " + d.name + " {\n  k " + std::to_string(k) + "\n";
  if (random_.chance(70)) d.text += "  seed " + std::to_string(random_.below(1000)) + "\n";
  ExprScope scope = contactScope(shape);
  const int features = random_.range(1, 3);
  for (int f = 0; f < features; ++f)
    d.text += "  f" + std::to_string(f) + " = " + exprs_.number(scope, shape.maxDepth - 1) + "\n";
  d.text += "}\n";
  exprs_.note("cluster");
  exprs_.takeUses(d.uses);
  std::vector<std::string> branches;
  for (int c = 1; c <= k; ++c)
    branches.push_back("c" + std::to_string(c));
  exprs_.addReferable({index, d.name, DefinitionKind::Partition, branches, false});
  return d;
}

std::string ProgramGenerator::points() {
  static const std::vector<std::string> values = {"5",  "10",  "-10", "2.5", "-0.5",
                                                  "1",  "100", "0.1", "3",   "-3",
                                                  "20", "0",   "+4",  "1e3", "0.333"};
  return random_.pick(values);
}

Definition ProgramGenerator::score(const ProgramShape& shape, std::size_t index) {
  Definition d;
  d.kind = DefinitionKind::Score;
  d.name = "sc" + std::to_string(names_++);
  ExprScope scope = contactScope(shape);
  const auto& events = ExprGenerator::eventNames();
  std::vector<std::string> items;
  int rules = random_.range(1, 4);
  bool anyPer = false;
  for (int r = 0; r < rules; ++r) {
    if (random_.chance(55)) {
      anyPer = true;
      int event = static_cast<int>(random_.below(events.size()));
      std::string rule = points() + " per " + events[event];
      if (random_.chance(40)) {
        ExprScope filter = scope;
        filter.event = event;
        filter.aggregates = false;
        filter.ntile = false;
        rule += " where " + exprs_.condition(filter, 3);
        exprs_.note("score-per-where");
      }
      if (random_.chance(50)) rule += " within " + exprs_.windowLiteral();
      if (random_.chance(40)) {
        static const std::vector<std::string> caps = {"30", "10", "2.5", "1000", "1"};
        rule += " max " + random_.pick(caps);
        exprs_.note("score-cap");
      }
      exprs_.note("score-per");
      items.push_back(rule);
    } else {
      exprs_.note("score-if");
      items.push_back(points() + " if " + exprs_.condition(scope, shape.maxDepth - 1));
    }
  }
  if (anyPer && random_.chance(35)) {
    exprs_.note("score-decay");
    items.push_back("decay half_life " + exprs_.halfLifeLiteral());
  }
  if (random_.chance(35)) {
    static const std::vector<std::pair<std::string, std::string>> ranges = {
        {"0", "100"}, {"-50", "50"}, {"0", "10.5"}, {"-1", "0"}, {"2", "3"}};
    const auto& [low, high] = random_.pick(ranges);
    exprs_.note("score-range");
    items.push_back("range " + low + " " + high);
  }
  for (std::size_t i = items.size(); i > 1; --i)
    std::swap(items[i - 1], items[random_.below(i)]);
  d.text = "score " + d.name + " {\n";
  for (const std::string& item : items)
    d.text += "  " + item + "\n";
  d.text += "}\n";
  exprs_.takeUses(d.uses);
  exprs_.addReferable({index, d.name, DefinitionKind::Score, {}, false});
  return d;
}

std::pair<std::string, bool> ProgramGenerator::populationAggregate(const ExprScope& scope,
                                                                   int depth) {
  ExprScope values = scope;
  values.personal = false; // sums and extremes of personal data are rejected
  switch (random_.below(11)) {
  case 0:
    exprs_.note("pop:count()");
    return {"count()", true};
  case 1:
    exprs_.note("pop:count");
    return {"count(" + exprs_.condition(scope, depth) + ")", true};
  case 2:
  case 3:
    exprs_.note("pop:percent");
    return {"percent(" + exprs_.condition(scope, depth) + ")", false};
  case 4: {
    exprs_.note("pop:sum");
    bool integral = random_.chance(50);
    return {"sum(" + (integral ? exprs_.integer(values, depth) : exprs_.real(values, depth)) + ")",
            integral};
  }
  case 5:
    exprs_.note("pop:avg");
    return {"avg(" + exprs_.number(values, depth) + ")", false};
  case 6: {
    bool integral = random_.chance(50);
    std::string fn = random_.chance(50) ? "min" : "max";
    exprs_.note("pop:" + fn);
    return {fn + "(" + (integral ? exprs_.integer(values, depth) : exprs_.real(values, depth)) +
                ")",
            integral};
  }
  case 7:
    exprs_.note("pop:median");
    return {"median(" + exprs_.number(values, depth) + ")", false};
  case 8: {
    static const std::vector<std::string> qs = {"0", "1", "0.5", "0.9", "0.25", "0.99", "0.333"};
    exprs_.note("pop:quantile");
    return {"quantile(" + exprs_.number(values, depth) + ", " + random_.pick(qs) + ")", false};
  }
  default:
    exprs_.note("pop:ratio");
    return {"ratio(" + exprs_.number(values, depth) + ", " + exprs_.number(values, depth) + ")",
            false};
  }
}

std::string ProgramGenerator::metricValue(const ExprScope& scope, int depth, bool& integral) {
  if (depth <= 0 || random_.chance(40)) {
    auto [text, isInt] = populationAggregate(scope, 3);
    integral = isInt;
    return text;
  }
  if (random_.chance(15)) {
    static const std::vector<std::string> literals = {"100", "2", "0", "1.5", "0.0"};
    std::string literal = random_.pick(literals);
    integral = literal.find('.') == std::string::npos;
    bool rightInt = false;
    std::string rhs = metricValue(scope, depth - 1, rightInt);
    integral = integral && rightInt;
    return "(" + literal + " * " + rhs + ")";
  }
  bool leftInt = false, rightInt = false;
  std::string lhs = metricValue(scope, depth - 1, leftInt);
  std::string rhs = metricValue(scope, depth - 1, rightInt);
  std::vector<std::string> ops = {"+", "-", "*", "/"};
  if (leftInt && rightInt) ops.push_back("%");
  std::string op = ops[random_.below(ops.size())];
  exprs_.note("metric" + op);
  integral = leftInt && rightInt && op != "/";
  if (random_.chance(15)) {
    exprs_.note("metric-neg");
    return "-(" + lhs + " " + op + " " + rhs + ")";
  }
  return "(" + lhs + " " + op + " " + rhs + ")";
}

Definition ProgramGenerator::metric(const ProgramShape& shape, std::size_t /*index*/) {
  Definition d;
  d.kind = DefinitionKind::Metric;
  d.name = "m" + std::to_string(names_++);
  ExprScope scope = contactScope(shape);
  std::string value;
  if (random_.chance(10)) {
    // Extremes of timestamps and durations stand alone (metric arithmetic is numeric).
    exprs_.note("pop:min-max-time");
    ExprScope values = scope;
    values.personal = false;
    std::string x = random_.chance(50) ? exprs_.timestamp(values, 3) : exprs_.duration(values, 3);
    value = (random_.chance(50) ? "min(" : "max(") + x + ")";
  } else {
    bool integral = false;
    value = metricValue(scope, 2, integral);
  }
  d.text = "metric " + d.name + " = " + value;
  if (random_.chance(35)) {
    exprs_.note("metric-for");
    d.text += " for " + exprs_.condition(scope, 3);
  }
  if (random_.chance(50)) {
    std::vector<std::string> groups = ExprGenerator::groupableFields();
    for (const Referable& r : exprs_.referables())
      if (r.kind == DefinitionKind::Partition) groups.push_back(r.name);
    int n = random_.range(1, 2);
    std::vector<std::string> chosen;
    for (int i = 0; i < n; ++i) {
      std::string g = random_.pick(groups);
      if (std::find(chosen.begin(), chosen.end(), g) == chosen.end()) chosen.push_back(g);
    }
    d.text += " by ";
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      d.text += (i ? ", " : "") + chosen[i];
      for (const Referable& r : exprs_.referables())
        if (r.kind == DefinitionKind::Partition && r.name == chosen[i]) {
          d.uses.push_back(r.definition);
          exprs_.note("metric-by-partition");
        }
    }
    exprs_.note("metric-by");
  }
  d.text += "\n";
  exprs_.takeUses(d.uses);
  return d;
}

} // namespace seg::fuzz
