#include "sema/Checker.h"

#include "base/Suggest.h"
#include "sema/DependencyOrder.h"
#include "sema/ExprChecker.h"
#include "sema/SchemaChecker.h"

#include <fmt/format.h>
#include <map>
#include <set>

namespace seg {
namespace {

class DefinitionChecker {
public:
  DefinitionChecker(CheckedProgram& program, DiagnosticSink& diagnostics)
      : program_(program), diagnostics_(diagnostics), exprs_(program, definitions_, diagnostics) {}

  void run() {
    collect();
    for (const LoadedModule& loaded : program_.modules) {
      for (const DeclPtr& decl : loaded.module->decls) {
        std::set<const Decl*>& reads = dependencies_[decl.get()];
        current_ = decl.get();
        switch (decl->kind) {
        case DeclKind::Segment:
          checkSegment(decl->as<SegmentDecl>(), reads);
          break;
        case DeclKind::Partition:
          checkPartition(decl->as<PartitionDecl>(), reads);
          break;
        case DeclKind::Score:
          checkScore(decl->as<ScoreDecl>(), reads);
          break;
        case DeclKind::Metric:
          checkMetric(decl->as<MetricDecl>(), reads);
          break;
        default:
          break;
        }
      }
    }
    program_.evaluationOrder = orderByDependencies(perContact_, dependencies_, diagnostics_);
  }

private:
  void define(const Decl& decl) {
    const Ident& name = Definitions::nameOf(decl);
    if (decl.kind == DeclKind::Metric) {
      auto [it, inserted] = definitions_.metrics.emplace(name.text, &decl.as<MetricDecl>());
      if (!inserted)
        duplicate(name, *it->second);
      else
        program_.metrics.push_back(&decl.as<MetricDecl>());
      return;
    }
    if (auto event = program_.schema.eventIndex(name.text)) {
      SourceDiagnostic& d =
          diagnostics_.error(name.range, fmt::format("{} '{}' has the name of an event",
                                                     Definitions::kindWord(decl), name.text));
      d.hints.push_back(fmt::format("'{0}' would mean both the event and the {1}; name the {1} "
                                    "e.g. '{0}_{1}'",
                                    name.text, Definitions::kindWord(decl)));
      return;
    }
    if (auto field = program_.schema.fieldIndex(name.text)) {
      SourceDiagnostic& d =
          diagnostics_.error(name.range, fmt::format("{} '{}' has the name of a contact field",
                                                     Definitions::kindWord(decl), name.text));
      if (const FieldDecl* fieldDecl = program_.schema.contactFields[*field].decl)
        d.notes.push_back({fieldDecl->name.range, "the field is declared here"});
      return;
    }
    auto [it, inserted] = definitions_.values.emplace(name.text, &decl);
    if (!inserted) {
      duplicate(name, *it->second);
      return;
    }
    perContact_.push_back(&decl);
  }

  void duplicate(const Ident& name, const Decl& first) {
    SourceDiagnostic& d =
        diagnostics_.error(name.range, fmt::format("'{}' is defined twice", name.text));
    d.notes.push_back({Definitions::nameOf(first).range, "first defined here"});
  }

  void collect() {
    for (const LoadedModule& loaded : program_.modules) {
      for (const DeclPtr& decl : loaded.module->decls) {
        switch (decl->kind) {
        case DeclKind::Segment:
          ++program_.segmentCount;
          define(*decl);
          break;
        case DeclKind::Score:
          ++program_.scoreCount;
          define(*decl);
          break;
        case DeclKind::Metric:
          define(*decl);
          break;
        case DeclKind::Partition: {
          ++program_.partitionCount;
          auto& partition = decl->as<PartitionDecl>();
          partition.enumType.name = partition.name.text;
          for (const PartitionBranch& branch : partition.branches) {
            if (partition.enumType.indexOf(branch.name.text)) continue; // reported later
            partition.enumType.values.push_back(branch.name.text);
          }
          define(*decl);
          break;
        }
        default:
          break;
        }
      }
    }
    // Bare branch names, unless something else already has that name.
    for (const LoadedModule& loaded : program_.modules) {
      for (const DeclPtr& decl : loaded.module->decls) {
        if (decl->kind != DeclKind::Partition) continue;
        const auto& partition = decl->as<PartitionDecl>();
        for (std::uint32_t i = 0; i < partition.enumType.values.size(); ++i) {
          const std::string& branch = partition.enumType.values[i];
          if (definitions_.values.count(branch) || program_.schema.fieldIndex(branch)) continue;
          definitions_.branches[branch].push_back({&partition, i});
        }
      }
    }
  }

  ExprContext contextFor(std::set<const Decl*>& reads) const {
    ExprContext context;
    context.reads = &reads;
    context.owner = current_;
    return context;
  }

  void checkSegment(SegmentDecl& segment, std::set<const Decl*>& reads) {
    if (segment.incomplete || !segment.condition) return;
    exprs_.checkCondition(*segment.condition, contextFor(reads),
                          fmt::format("segment '{}'", segment.name.text));
  }

  void checkPartition(PartitionDecl& partition, std::set<const Decl*>& reads) {
    if (partition.cluster) {
      checkCluster(partition, *partition.cluster, reads);
      return;
    }
    const PartitionBranch* elseBranch = nullptr;
    std::map<std::string, const PartitionBranch*> seen;
    for (PartitionBranch& branch : partition.branches) {
      auto [it, inserted] = seen.emplace(branch.name.text, &branch);
      if (!inserted) {
        SourceDiagnostic& d = diagnostics_.error(
            branch.name.range, fmt::format("partition '{}' has two branches named '{}'",
                                           partition.name.text, branch.name.text));
        d.notes.push_back({it->second->name.range, "first defined here"});
      }
      if (elseBranch != nullptr) {
        SourceDiagnostic& d =
            diagnostics_.error(branch.range, "this branch comes after 'else' and can never match");
        d.hints.push_back("'else' catches every contact left; make it the last branch");
        d.notes.push_back({elseBranch->range, "'else' is here"});
        continue;
      }
      if (!branch.condition) {
        elseBranch = &branch;
        continue;
      }
      exprs_.checkCondition(*branch.condition, contextFor(reads),
                            fmt::format("branch '{}'", branch.name.text));
    }
    if (partition.branches.empty() && !partition.incomplete) {
      SourceDiagnostic& d = diagnostics_.error(
          partition.name.range, fmt::format("partition '{}' has no branches", partition.name.text));
      d.hints.push_back("list branches as: name = condition, and finish with: other = else");
    }
  }

  // Options `k` (required, 2 to 64) and `seed` (a non-negative integer, 1 by default), and
  // at least one feature, each a per-contact int or float.
  void checkCluster(PartitionDecl& partition, ClusterSpec& spec, std::set<const Decl*>& reads) {
    std::map<std::string, const ClusterOption*> seenOptions;
    for (const ClusterOption& option : spec.options) {
      const std::string& name = option.name.text;
      if (name != "k" && name != "seed") {
        SourceDiagnostic& d = diagnostics_.error(option.name.range,
                                                 fmt::format("a cluster has no option '{}'", name));
        if (auto near = base::closestName(name, std::vector<std::string>{"k", "seed"}))
          d.hints.push_back(fmt::format("did you mean '{}'?", *near));
        else
          d.hints.push_back("the options are 'k N' (how many clusters) and 'seed N'; a feature "
                            "is written 'name = value'");
        continue;
      }
      auto [it, inserted] = seenOptions.emplace(name, &option);
      if (!inserted) {
        SourceDiagnostic& d =
            diagnostics_.error(option.range, fmt::format("the cluster has two '{}' lines", name));
        d.notes.push_back({it->second->range, fmt::format("first '{}' here", name)});
        continue;
      }
      const NumberLiteral& v = option.value;
      if (name == "k") {
        if (!v.isInt || v.value < kMinClusters || v.value > kMaxClusters) {
          SourceDiagnostic& d = diagnostics_.error(
              v.range, fmt::format("k must be a whole number from {} to {}, not {}", kMinClusters,
                                   kMaxClusters, v.spelling));
          d.hints.push_back("k is how many clusters K-means makes, e.g. 'k 4'");
        } else {
          spec.k = static_cast<std::int64_t>(v.value);
        }
      } else if (!v.isInt || v.value < 0) {
        SourceDiagnostic& d = diagnostics_.error(
            v.range, fmt::format("seed must be a whole number of at least 0, not {}", v.spelling));
        d.hints.push_back("the seed fixes the random start of K-means, e.g. 'seed 42'");
      } else {
        spec.seed = static_cast<std::uint64_t>(v.value);
      }
    }
    if (!seenOptions.count("k") && !partition.incomplete) {
      SourceDiagnostic& d = diagnostics_.error(
          partition.name.range, fmt::format("cluster '{}' does not say k", partition.name.text));
      d.hints.push_back("add a line 'k N': how many clusters to make, e.g. 'k 4'");
    }
    std::map<std::string, const ClusterFeature*> seenFeatures;
    for (ClusterFeature& feature : spec.features) {
      auto [it, inserted] = seenFeatures.emplace(feature.name.text, &feature);
      if (!inserted) {
        SourceDiagnostic& d = diagnostics_.error(
            feature.name.range, fmt::format("cluster '{}' has two features named '{}'",
                                            partition.name.text, feature.name.text));
        d.notes.push_back({it->second->name.range, "first defined here"});
      }
      Type type = exprs_.check(*feature.value, contextFor(reads));
      if (type.isError() || type.isNumeric()) continue;
      SourceDiagnostic& d = diagnostics_.error(
          feature.value->range, fmt::format("feature '{}' is a {}; K-means needs a number",
                                            feature.name.text, typeName(type)));
      if (type.kind == TypeKind::Timestamp)
        d.hints.push_back("use the age in days: days_since(...)");
      else if (type.kind == TypeKind::Bool)
        d.hints.push_back("count something instead, e.g. count(E where ...)");
      else
        d.hints.push_back("features are int or float values of the contact");
    }
    if (spec.features.empty() && !partition.incomplete) {
      SourceDiagnostic& d = diagnostics_.error(
          partition.name.range, fmt::format("cluster '{}' has no features", partition.name.text));
      d.hints.push_back("list the numbers to cluster by, one a line: name = value");
    }
  }

  void checkScore(ScoreDecl& score, std::set<const Decl*>& reads) {
    const ScoreItem* decay = nullptr;
    const ScoreItem* range = nullptr;
    bool hasPerRule = false;
    for (ScoreItem& item : score.items) {
      switch (item.kind) {
      case ScoreItemKind::Decay:
        if (decay != nullptr) {
          SourceDiagnostic& d = diagnostics_.error(item.range, "the score has two 'decay' lines");
          d.notes.push_back({decay->range, "first 'decay' here"});
          break;
        }
        decay = &item;
        score.halfLifeMicros = exprs_.checkWindow(*item.halfLife, "half_life");
        break;
      case ScoreItemKind::Range:
        if (range != nullptr) {
          SourceDiagnostic& d = diagnostics_.error(item.range, "the score has two 'range' lines");
          d.notes.push_back({range->range, "first 'range' here"});
          break;
        }
        range = &item;
        if (item.low.value >= item.high.value) {
          SourceDiagnostic& d = diagnostics_.error(
              item.range, fmt::format("'range {} {}' is empty: the low bound must be below the "
                                      "high bound",
                                      item.low.spelling, item.high.spelling));
          d.hints.push_back("e.g. range 0 100");
        }
        break;
      case ScoreItemKind::PerEvent: {
        hasPerRule = true;
        auto event = program_.schema.eventIndex(item.event.text);
        if (!event && program_.importsFailed) break;
        if (!event) {
          SourceDiagnostic& d = diagnostics_.error(
              item.event.range, fmt::format("unknown event '{}'", item.event.text));
          std::vector<std::string> events;
          for (const EventInfo& e : program_.schema.events)
            events.push_back(e.name);
          if (auto near = base::closestName(item.event.text, events))
            d.hints.push_back(fmt::format("did you mean '{}'?", *near));
          break;
        }
        item.eventIndex = *event;
        if (item.where) {
          ExprContext filter = contextFor(reads);
          filter.eventIndex = *event;
          filter.insideEventFilter = true;
          exprs_.checkCondition(*item.where, filter, "'where'");
        }
        if (item.within) item.withinMicros = exprs_.checkWindow(*item.within, "within");
        if (item.cap && item.cap->value <= 0) {
          SourceDiagnostic& d =
              diagnostics_.error(item.cap->range, "'max' must be greater than zero");
          d.hints.push_back("it caps the points one rule can give (or take, for negative points)");
        }
        break;
      }
      case ScoreItemKind::IfCondition:
        exprs_.checkCondition(*item.condition, contextFor(reads), "a score rule");
        break;
      }
    }
    if (decay != nullptr && !hasPerRule) {
      SourceDiagnostic& d =
          diagnostics_.warning(decay->range, "'decay' has no effect: the score has no 'per' rules");
      d.hints.push_back("decay ages the points of events: 3 per page_view");
    }
    if (score.items.empty() && !score.incomplete) {
      SourceDiagnostic& d = diagnostics_.warning(
          score.name.range,
          fmt::format("score '{}' has no rules and is always 0", score.name.text));
      d.hints.push_back("add rules such as: 10 per email_click within 30d, or 20 if plan == pro");
    }
  }

  void checkMetric(MetricDecl& metric, std::set<const Decl*>& reads) {
    if (metric.incomplete) return;
    ExprContext value = contextFor(reads);
    value.metricValue = true;
    Type type = exprs_.check(*metric.value, value);
    if (!type.isError() && !type.isNumeric() && type.kind != TypeKind::Timestamp &&
        type.kind != TypeKind::Duration) {
      SourceDiagnostic& d = diagnostics_.error(
          metric.value->range,
          fmt::format("a metric must be a number, but this is {}", typeName(type)));
      d.hints.push_back("count or measure contacts: count(), percent(cond), avg(x)");
    }
    if (metric.forCondition)
      exprs_.checkCondition(*metric.forCondition, contextFor(reads), "'for'");
    std::set<std::string> groups;
    for (const Ident& group : metric.groupBy) {
      if (!groups.insert(group.text).second) {
        diagnostics_.error(group.range, fmt::format("'{}' is listed twice after 'by'", group.text));
        continue;
      }
      checkGroup(group, reads);
    }
  }

  void checkGroup(const Ident& group, std::set<const Decl*>& reads) {
    if (auto index = program_.schema.fieldIndex(group.text)) {
      const FieldInfo& field = program_.schema.contactFields[*index];
      if (field.isPii) {
        SourceDiagnostic& d = diagnostics_.error(
            group.range, fmt::format("grouping by personal field '{}' would reveal it in the "
                                     "metric",
                                     group.text));
        d.hints.push_back("group by a non-personal field or a partition");
        return;
      }
      if (field.isKey) {
        SourceDiagnostic& d = diagnostics_.error(
            group.range,
            fmt::format("grouping by the key '{}' makes one group per contact", group.text));
        d.hints.push_back("group by a field that many contacts share, or by a partition");
        return;
      }
      TypeKind k = field.type.kind;
      if (k == TypeKind::Float || k == TypeKind::Timestamp) {
        SourceDiagnostic& d = diagnostics_.error(
            group.range, fmt::format("cannot group by '{}': {} values make one group per value",
                                     group.text, typeName(field.type)));
        d.hints.push_back("define a partition of value ranges and group by it");
      }
      return;
    }
    if (auto it = definitions_.values.find(group.text);
        it != definitions_.values.end() && it->second->kind == DeclKind::Partition) {
      reads.insert(it->second);
      return;
    }
    if (program_.importsFailed) return;
    SourceDiagnostic& d = diagnostics_.error(
        group.range,
        fmt::format("cannot group by '{}': not a contact field or partition", group.text));
    std::vector<std::string> names;
    for (const FieldInfo& f : program_.schema.contactFields)
      names.push_back(f.name);
    for (const auto& [name, decl] : definitions_.values)
      if (decl->kind == DeclKind::Partition) names.push_back(name);
    if (auto near = base::closestName(group.text, names))
      d.hints.push_back(fmt::format("did you mean '{}'?", *near));
  }

  CheckedProgram& program_;
  DiagnosticSink& diagnostics_;
  Definitions definitions_;
  ExprChecker exprs_;
  std::vector<const Decl*> perContact_;
  const Decl* current_ = nullptr;
  std::map<const Decl*, std::set<const Decl*>> dependencies_;
};

} // namespace

void checkProgram(CheckedProgram& program, DiagnosticSink& diagnostics) {
  checkSchema(program, diagnostics);
  DefinitionChecker(program, diagnostics).run();
}

} // namespace seg
