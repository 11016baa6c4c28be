#include "TimeDependence.h"

#include "base/CivilTime.h"
#include "plan/FunctionRegistry.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace seg::runtime::live {

namespace {

using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

// A timestamp that does not move with `now`: a source's timestamp plus `shift`, or a constant.
struct Fixed {
  bool instant = false;
  std::int64_t value = 0; // the constant
  TimeSource source;
  std::int64_t shift = 0;
};

// `sign` × ((now + offset) − fixed): a duration that grows (or shrinks) with `now`.
struct NowDuration {
  std::int64_t offset = 0;
  Fixed fixed;
  int sign = 1;
};

bool isConstDuration(const Node& n) {
  return n.op == Op::Const && n.type == ValueType::Duration;
}

class Analysis {
public:
  explicit Analysis(const plan::Plan& plan) : plan_(plan) {}

  TimeDependence run() {
    parents_.resize(plan_.nodes.size());
    for (NodeId id = 0; id < plan_.nodes.size(); ++id)
      for (NodeId operand : plan_.nodes[id].operands)
        parents_[operand].push_back(id);
    for (const plan::Slot& slot : plan_.slots)
      if (slot.expr != plan::kNoNode) roots_.push_back(slot.expr);
    for (const plan::Aggregate& aggregate : plan_.aggregates)
      visitAggregate(aggregate);
    for (NodeId id = 0; id < plan_.nodes.size(); ++id)
      visitNode(id);
    for (const plan::Slot& slot : plan_.slots)
      if (slot.expr != plan::kNoNode && nowValued(slot.expr))
        untimed(fmt::format("makes `{}` a time that moves with `now`", slot.name));
    std::sort(out_.probes.begin(), out_.probes.end());
    out_.probes.erase(std::unique(out_.probes.begin(), out_.probes.end()), out_.probes.end());
    std::sort(out_.instants.begin(), out_.instants.end());
    out_.instants.erase(std::unique(out_.instants.begin(), out_.instants.end()),
                        out_.instants.end());
    return std::move(out_);
  }

private:
  void untimed(std::string reason) {
    if (out_.untimed.empty()) out_.untimed = std::move(reason);
  }

  void probe(const TimeSource& source, std::int64_t offset, std::int64_t period = 0) {
    out_.probes.push_back({source, offset, period});
  }

  // A moment `now` may reach: fixed + offset.
  void moment(const Fixed& fixed, std::int64_t offset) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(fixed.instant ? fixed.value : fixed.shift, offset, &sum))
      untimed("reaches moments beyond the range of timestamps");
    else if (fixed.instant)
      out_.instants.push_back(sum);
    else
      probe(fixed.source, sum);
  }

  void visitAggregate(const plan::Aggregate& aggregate) {
    if (aggregate.fn == plan::AggregateFn::Decayed && aggregate.halfLifeMicros) {
      out_.readsNow = true;
      untimed("decays continuously as `now` moves (a score's half-life)");
    }
    if (!aggregate.windowMicros) return;
    out_.readsNow = true;
    // `within w`: now − w < at ≤ now, so an event enters at its `at` and leaves at at + w.
    for (std::int32_t type : {aggregate.eventType, aggregate.thenEventType}) {
      if (type < 0) continue;
      probe({true, type, 0}, 0);
      probe({true, type, 0}, *aggregate.windowMicros);
    }
  }

  void visitNode(NodeId id) {
    const Node& n = plan_.nodes[id];
    if (n.op == Op::Now) out_.readsNow = true;
    // The registry says which functions read `now`; days and hours since are timed here, a
    // function of `now` not taught here gets a pass over everyone.
    if (n.op == Op::Call && plan::functionInfo(n.function).readsNow) {
      out_.readsNow = true;
      const bool days = n.function == plan::Function::DaysSince;
      // Whole units from t to now change when now reaches t + k × unit.
      const std::optional<Fixed> from = n.operands.empty() ? std::nullopt : fixed(n.operands[0]);
      const Fixed source = from.value_or(Fixed{});
      if (!days && n.function != plan::Function::HoursSince)
        untimed(fmt::format("takes {}, whose changes Seg cannot time", functionName(n.function)));
      else if (!from)
        untimed(fmt::format("takes {} of a time that is not a field's or an event's",
                            functionName(n.function)));
      else if (source.instant)
        untimed(fmt::format("takes {} of a constant", functionName(n.function)));
      else
        wholeUnits(id, source, days ? base::kMicrosPerDay : base::kMicrosPerHour);
    }
    bool readsNowValue = false;
    for (NodeId operand : n.operands)
      readsNowValue = readsNowValue || nowValued(operand);
    if (!readsNowValue || affine(id) || nowDuration(id)) return;
    if (plan::isComparison(n.op) && n.operands.size() == 2 && compare(n)) return;
    untimed("uses `now` in an expression whose changes Seg cannot time");
  }

  // Whole units from t to now (days_since, hours_since) change when now reaches t + k × unit.
  // Compared with constants only — `days_since(signup_at) <= 14` — just the units compared
  // matter: t + c × unit and the next one.
  void wholeUnits(NodeId id, const Fixed& from, std::int64_t unit) {
    std::vector<std::int64_t> constants;
    bool compared = std::find(roots_.begin(), roots_.end(), id) == roots_.end();
    for (NodeId parent : parents_[id]) {
      const Node& p = plan_.nodes[parent];
      if (!plan::isComparison(p.op) || p.operands.size() != 2) {
        compared = false;
        break;
      }
      const Node& other = plan_.nodes[p.operands[0] == id ? p.operands[1] : p.operands[0]];
      if (other.op != Op::Const || other.type != ValueType::Int) {
        compared = false;
        break;
      }
      constants.push_back(other.constant.integer);
    }
    std::vector<std::int64_t> offsets;
    for (std::int64_t c : constants)
      for (std::int64_t k : {c, c + 1}) {
        std::int64_t offset = 0;
        if (__builtin_mul_overflow(k, unit, &offset) ||
            __builtin_add_overflow(offset, from.shift, &offset))
          compared = false;
        offsets.push_back(offset);
      }
    if (!compared) {
      probe(from.source, from.shift, unit);
      return;
    }
    for (std::int64_t offset : offsets)
      probe(from.source, offset);
  }

  // A comparison with a now-valued operand: the moments it can flip.
  bool compare(const Node& n) {
    const NodeId a = n.operands[0], b = n.operands[1];
    if (affine(a) && affine(b)) return true; // now + x against now + y: constant
    for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
      if (std::optional<std::int64_t> offset = affine(x)) {
        std::optional<Fixed> other = fixed(y);
        if (!other) return false;
        moment(*other, -*offset); // now + offset = t
        return true;
      }
      if (std::optional<NowDuration> d = nowDuration(x)) {
        const Node& other = plan_.nodes[y];
        if (!isConstDuration(other)) return false;
        // sign × (now + offset − t) = c
        const std::int64_t c = other.constant.integer;
        moment(d->fixed, d->sign > 0 ? c - d->offset : -c - d->offset);
        return true;
      }
    }
    return false;
  }

  bool nowValued(NodeId id) { return affine(id) || nowDuration(id); }

  // `now` plus a constant duration.
  std::optional<std::int64_t> affine(NodeId id) {
    const Node& n = plan_.nodes[id];
    if (n.op == Op::Now) return 0;
    if ((n.op != Op::Add && n.op != Op::Sub) || n.operands.size() != 2) return std::nullopt;
    const Node& right = plan_.nodes[n.operands[1]];
    if (isConstDuration(right))
      if (std::optional<std::int64_t> left = affine(n.operands[0]))
        return n.op == Op::Add ? *left + right.constant.integer : *left - right.constant.integer;
    const Node& left = plan_.nodes[n.operands[0]];
    if (n.op == Op::Add && isConstDuration(left))
      if (std::optional<std::int64_t> r = affine(n.operands[1])) return *r + left.constant.integer;
    return std::nullopt;
  }

  // `now` (plus a constant) minus a fixed time, or the other way round.
  std::optional<NowDuration> nowDuration(NodeId id) {
    const Node& n = plan_.nodes[id];
    if (n.op != Op::Sub || n.operands.size() != 2 || n.type != ValueType::Duration)
      return std::nullopt;
    if (std::optional<std::int64_t> offset = affine(n.operands[0]))
      if (std::optional<Fixed> t = fixed(n.operands[1])) return NowDuration{*offset, *t, 1};
    if (std::optional<std::int64_t> offset = affine(n.operands[1]))
      if (std::optional<Fixed> t = fixed(n.operands[0])) return NowDuration{*offset, *t, -1};
    return std::nullopt;
  }

  // A timestamp of the contact's own data (plus a constant), or a constant one. An aggregate's
  // first/last/min/max of a timestamp property is one of its events' values, even in a window.
  std::optional<Fixed> fixed(NodeId id) {
    const Node& n = plan_.nodes[id];
    if (n.type != ValueType::Timestamp) return std::nullopt;
    switch (n.op) {
    case Op::Const:
      return Fixed{true, n.constant.integer, {}, 0};
    case Op::ContactField:
      return Fixed{false, 0, {false, n.index, 0}, 0};
    case Op::EventField:
      return Fixed{false, 0, {true, n.eventType, n.index}, 0};
    case Op::Aggregate: {
      const plan::Aggregate& aggregate = plan_.aggregates[static_cast<std::size_t>(n.index)];
      using plan::AggregateFn;
      if (aggregate.property < 0 ||
          (aggregate.fn != AggregateFn::First && aggregate.fn != AggregateFn::Last &&
           aggregate.fn != AggregateFn::Min && aggregate.fn != AggregateFn::Max))
        return std::nullopt;
      return Fixed{false, 0, {true, aggregate.eventType, aggregate.property}, 0};
    }
    case Op::Add:
    case Op::Sub: {
      if (n.operands.size() != 2) return std::nullopt;
      const Node& right = plan_.nodes[n.operands[1]];
      if (isConstDuration(right))
        if (std::optional<Fixed> left = fixed(n.operands[0])) {
          const std::int64_t d = n.op == Op::Add ? right.constant.integer : -right.constant.integer;
          left->shift += d;
          left->value += d;
          return left;
        }
      const Node& left = plan_.nodes[n.operands[0]];
      if (n.op == Op::Add && isConstDuration(left))
        if (std::optional<Fixed> r = fixed(n.operands[1])) {
          r->shift += left.constant.integer;
          r->value += left.constant.integer;
          return r;
        }
      return std::nullopt;
    }
    default:
      return std::nullopt;
    }
  }

  const plan::Plan& plan_;
  TimeDependence out_;
  std::vector<std::vector<NodeId>> parents_; // the nodes that read each node
  std::vector<NodeId> roots_;                // slot expressions
};

} // namespace

TimeDependence timeDependence(const plan::Plan& plan) {
  return Analysis(plan).run();
}

} // namespace seg::runtime::live
