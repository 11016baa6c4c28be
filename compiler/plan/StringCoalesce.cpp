#include "plan/StringCoalesce.h"

#include <map>
#include <set>

namespace seg::plan {
namespace {

// Null exactly when an operand is (InList: when its value is), so it commutes with
// coalesce on a string operand.
bool isStrict(Op op) {
  return isComparison(op) || op == Op::InList || isStringFunction(op);
}

bool isStringLeaf(const Node& n) {
  return n.type == ValueType::String &&
         (n.op == Op::ContactField || n.op == Op::EventField || n.op == Op::Aggregate);
}

class Distributor {
public:
  explicit Distributor(PlanBuilder& b) : b_(b) {}

  // Operands before users, iteratively: expressions may be nested thousands deep.
  NodeId run(NodeId root) {
    std::vector<std::pair<NodeId, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [id, expanded] = stack.back();
      stack.pop_back();
      if (done_.count(id)) continue;
      const Node& n = b_.node(id);
      if (n.scope == Scope::Lut || n.op == Op::StringLut || n.op == Op::Aggregate) {
        done_[id] = id; // lookups are built later; filters are their own roots
        continue;
      }
      if (!expanded) {
        stack.push_back({id, true});
        for (NodeId o : n.operands)
          if (!done_.count(o)) stack.push_back({o, false});
        continue;
      }
      Node copy = n;
      bool changed = false;
      for (NodeId& o : copy.operands) {
        NodeId w = done_.at(o);
        changed = changed || w != o;
        o = w;
      }
      NodeId current = changed ? b_.add(std::move(copy)) : id;
      int budget = kBudget;
      done_[id] = distribute(current, budget);
    }
    return done_.at(root);
  }

private:
  // Distributions per expression: each doubles (at least) the work of what it wraps.
  static constexpr int kBudget = 8;

  const std::set<NodeId>& leaves(NodeId id) {
    if (auto it = leaves_.find(id); it != leaves_.end()) return it->second;
    std::set<NodeId> out;
    const Node& n = b_.node(id);
    if (isStringLeaf(n)) {
      out.insert(id);
    } else if (n.op != Op::Aggregate && n.op != Op::StringLut) {
      for (NodeId o : n.operands) {
        const std::set<NodeId>& inner = leaves(o);
        out.insert(inner.begin(), inner.end());
      }
    }
    return leaves_[id] = std::move(out);
  }

  // The operands of a string coalesce, nested coalesces flattened (coalesce is
  // associative).
  void flatten(NodeId id, std::vector<NodeId>& out) {
    const Node& n = b_.node(id);
    if (n.op != Op::Coalesce || n.type != ValueType::String) {
      out.push_back(id);
      return;
    }
    for (NodeId o : n.operands)
      flatten(o, out);
  }

  // A string coalesce over several leaves, cut into consecutive groups of one leaf each
  // (constants join the group before them): coalesce(a, "x", b) = coalesce(coalesce(a,
  // "x"), b). Empty when `id` is no such coalesce.
  std::vector<NodeId> groups(NodeId id) {
    const Node& n = b_.node(id);
    if (n.op != Op::Coalesce || n.type != ValueType::String || leaves(id).size() < 2) return {};
    std::vector<NodeId> operands;
    flatten(id, operands);
    std::vector<std::vector<NodeId>> parts{{}};
    bool hasLeaf = false;
    for (NodeId o : operands) {
      const bool leafy = !leaves(o).empty();
      if (leafy && hasLeaf) parts.push_back({});
      hasLeaf = hasLeaf || leafy;
      parts.back().push_back(o);
    }
    std::vector<NodeId> out;
    for (std::vector<NodeId>& part : parts) {
      if (part.size() == 1) {
        out.push_back(part[0]);
        continue;
      }
      Node c;
      c.op = Op::Coalesce;
      c.type = ValueType::String;
      c.nullable = true;
      for (NodeId o : part)
        c.nullable = c.nullable && b_.node(o).nullable;
      c.operands = std::move(part);
      c.scope = scopeOf(b_.plan(), c.operands);
      out.push_back(b_.add(std::move(c)));
    }
    return out;
  }

  NodeId distribute(NodeId id, int& budget) {
    const Node n = b_.node(id);
    const bool nullTest = n.op == Op::IsNull || n.op == Op::IsNotNull;
    if (!isStrict(n.op) && !nullTest) return id;
    const std::size_t candidates = n.op == Op::InList ? 1 : n.operands.size();
    for (std::size_t k = 0; k < candidates; ++k) {
      std::vector<NodeId> alternatives = groups(n.operands[k]);
      if (alternatives.size() < 2) continue;
      if (budget <= 0) return id;
      --budget;
      std::vector<NodeId> parts;
      for (NodeId alternative : alternatives) {
        Node part = n;
        part.operands[k] = alternative;
        part.scope = scopeOf(b_.plan(), part.operands);
        if (!nullTest) {
          part.nullable = b_.node(part.operands[0]).nullable;
          if (n.op != Op::InList)
            for (NodeId o : part.operands)
              part.nullable = part.nullable || b_.node(o).nullable;
        }
        parts.push_back(distribute(b_.add(std::move(part)), budget));
      }
      if (nullTest) {
        // Null when every alternative is: all null (is null) / some not null (is not null).
        NodeId result = parts[0];
        for (std::size_t p = 1; p < parts.size(); ++p)
          result = b_.binary(n.op == Op::IsNull ? Op::And : Op::Or, ValueType::Bool, false, result,
                             parts[p]);
        return result;
      }
      Node c;
      c.op = Op::Coalesce;
      c.type = n.type;
      c.nullable = true;
      for (NodeId p : parts)
        c.nullable = c.nullable && b_.node(p).nullable;
      c.operands = std::move(parts);
      c.scope = scopeOf(b_.plan(), c.operands);
      return b_.add(std::move(c));
    }
    return id;
  }

  PlanBuilder& b_;
  std::map<NodeId, NodeId> done_;
  std::map<NodeId, std::set<NodeId>> leaves_;
};

} // namespace

NodeId distributeStringCoalesce(PlanBuilder& builder, NodeId root) {
  return Distributor(builder).run(root);
}

} // namespace seg::plan
