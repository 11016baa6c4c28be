#include "plan/StringLuts.h"

#include "plan/StringCoalesce.h"

#include <map>
#include <optional>

namespace seg::plan {
namespace {

// A String leaf whose values are codes into one dictionary: a string column, or a
// string-valued aggregate (first/last/min/max of a property: a code of its dictionary).
bool isStringColumn(const Node& n) {
  if (n.type != ValueType::String) return false;
  return n.op == Op::ContactField || n.op == Op::EventField || n.op == Op::Aggregate;
}

class Wrapper {
public:
  explicit Wrapper(PlanBuilder& b) : b_(b) {}

  NodeId wrap(NodeId id) {
    if (auto it = wrapped_.find(id); it != wrapped_.end()) return it->second;
    NodeId result = wrapUncached(id);
    wrapped_[id] = result;
    return result;
  }

private:
  struct Purity {
    bool pure = true;           // only constants and at most one string column
    NodeId column = kNoNode;    // that column
    bool touchesString = false; // some node inside is String-typed
  };

  Purity purity(NodeId id) {
    if (auto it = purity_.find(id); it != purity_.end()) return it->second;
    const Node& n = b_.node(id);
    Purity p;
    p.touchesString = n.type == ValueType::String;
    if (isStringColumn(n)) {
      p.column = id;
    } else if (n.op == Op::Const || n.op == Op::NullConst) {
      // constants are pure
    } else if (n.operands.empty() || n.op == Op::Aggregate || n.op == Op::StringLut) {
      p.pure = false; // other leaves: fields, slots, now, aggregates, ranks
    } else {
      for (NodeId o : n.operands) {
        Purity q = purity(o);
        p.touchesString = p.touchesString || q.touchesString;
        if (!q.pure) p.pure = false;
        if (q.column != kNoNode) {
          if (p.column != kNoNode && p.column != q.column) p.pure = false;
          p.column = q.column;
        }
      }
    }
    purity_[id] = p;
    return p;
  }

  // A copy of `id`'s subtree with `column` replaced by the LUT input, in Lut scope.
  NodeId toLut(NodeId id, NodeId column) {
    if (id == column) {
      Node input;
      input.op = Op::LutInput;
      input.type = ValueType::String;
      input.nullable = b_.node(column).nullable;
      input.scope = Scope::Lut;
      return b_.add(std::move(input));
    }
    Node copy = b_.node(id);
    copy.scope = Scope::Lut;
    for (NodeId& o : copy.operands)
      o = toLut(o, column);
    return b_.add(std::move(copy));
  }

  // `a OP b` over two string expressions that each depend on one leaf (different ones):
  // the texts of both sides are only known per dictionary entry of their own leaf.
  bool comparesTwoLeaves(NodeId id) {
    const Node& n = b_.node(id);
    if (!isComparison(n.op) || n.operands.size() != 2) return false;
    for (NodeId o : n.operands) {
      Purity q = purity(o);
      if (b_.node(o).type != ValueType::String || !q.pure || q.column == kNoNode) return false;
    }
    return purity(n.operands[0]).column != purity(n.operands[1]).column;
  }

  // `StringRank(a) OP StringRank(b)`: ranks in one collation order and compare like texts,
  // and each rank, depending on one leaf, then becomes a table (see Plan.h).
  NodeId rankComparison(NodeId id) {
    Node copy = b_.node(id);
    for (NodeId& o : copy.operands) {
      Node rank;
      rank.op = Op::StringRank;
      rank.type = ValueType::Int;
      rank.nullable = b_.node(o).nullable;
      rank.scope = b_.node(o).scope;
      rank.operands = {o};
      o = b_.add(std::move(rank));
    }
    copy.scope = scopeOf(b_.plan(), copy.operands);
    return b_.add(std::move(copy));
  }

  NodeId wrapUncached(NodeId id) {
    const Node& n = b_.node(id);
    if (n.scope == Scope::Lut || n.op == Op::StringLut) return id;
    if (comparesTwoLeaves(id)) return wrap(rankComparison(id));
    Purity p = purity(id);
    if (p.pure && p.touchesString && n.type != ValueType::String && id != p.column) {
      Node lut;
      lut.op = Op::StringLut;
      lut.type = n.type;
      // The body decides; the null entry is evaluated like any other.
      lut.nullable = n.nullable;
      // Over one leaf; or over none (string constants only): one entry, the null input's.
      if (p.column != kNoNode) lut.operands = {p.column};
      lut.body = toLut(id, p.column);
      lut.scope = p.column != kNoNode ? b_.node(p.column).scope : Scope::Contact;
      return b_.add(std::move(lut));
    }
    if (n.operands.empty()) return id;
    Node copy = n;
    bool changed = false;
    for (NodeId& o : copy.operands) {
      NodeId w = wrap(o);
      changed = changed || w != o;
      o = w;
    }
    return changed ? b_.add(std::move(copy)) : id;
  }

  PlanBuilder& b_;
  std::map<NodeId, NodeId> wrapped_;
  std::map<NodeId, Purity> purity_;
};

} // namespace

NodeId wrapStringExpressions(PlanBuilder& builder, NodeId root) {
  // Coalesces over several leaves first, so that their parts can become lookups too.
  return Wrapper(builder).wrap(distributeStringCoalesce(builder, root));
}

} // namespace seg::plan
