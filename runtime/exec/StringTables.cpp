// Builds the string tables with the reference evaluator in Lut scope.
#include "StringTables.h"

#include "ColumnValues.h"
#include "Evaluator.h"

namespace seg::exec {

void buildStringTables(BoundPlan& bound) {
  const plan::Plan& plan = *bound.plan;
  bound.strings.clear();
  bound.stringTableOf.clear();
  Evaluator evaluator(bound);
  for (plan::NodeId id = 0; id < plan.nodes.size(); ++id) {
    const plan::Node& n = plan.nodes[id];
    if (n.op != plan::Op::StringLut) continue;
    const runtime::Dictionary& dictionary = bound.dictionaryOf(plan.nodes.at(n.operands.at(0)));
    StringTable table;
    table.node = id;
    table.type = n.type;
    table.entries = dictionary.size() + 1;
    table.values.assign(table.entries * widthOf(n.type), std::byte{0});
    table.valid.assign(table.entries, 0);
    for (std::size_t entry = 0; entry < table.entries; ++entry) {
      std::optional<std::string_view> input;
      if (entry < dictionary.size()) input = dictionary.at(static_cast<std::uint32_t>(entry));
      evaluator.beginLutEntry(input);
      Value value = evaluator.eval(n.body);
      table.valid[entry] = value.valid ? 1 : 0;
      if (value.valid) storeValue(table.values.data() + entry * widthOf(n.type), n.type, value);
    }
    bound.stringTableOf[id] = bound.strings.size();
    bound.strings.push_back(std::move(table));
  }
}

} // namespace seg::exec
