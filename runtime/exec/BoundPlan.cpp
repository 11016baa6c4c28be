// Column sizing and dictionary lookup for a plan bound to a store.
#include "BoundPlan.h"

#include <stdexcept>
#include <string>

namespace seg::exec {

std::size_t widthOf(ValueType type) {
  switch (type) {
  case ValueType::Bool:
    return 1;
  case ValueType::Enum:
  case ValueType::String:
    return 4;
  case ValueType::Int:
  case ValueType::Float:
  case ValueType::Timestamp:
  case ValueType::Duration:
    return 8;
  }
  return 8;
}

void ContactColumn::resize(std::size_t rows) {
  // Zeroed values and an all-null bitmap: a row nobody wrote reads as null.
  values = decltype(values)(rows * widthOf(type));
  validity = decltype(validity)(runtime::bitmapWords(rows));
}

const runtime::Dictionary& BoundPlan::dictionaryOf(const plan::Node& leaf) const {
  base::Expected<const runtime::Dictionary*> found = dictionaryFor(leaf);
  if (!found) throw std::logic_error(found.error());
  return **found;
}

base::Expected<const runtime::Dictionary*> BoundPlan::dictionaryFor(const plan::Node& leaf) const {
  const std::vector<runtime::Dictionary>* dictionaries = nullptr;
  if (leaf.op == plan::Op::ContactField) {
    dictionaries = &store->contacts.dictionaries;
  } else if (leaf.op == plan::Op::EventField && leaf.eventType >= 0 &&
             static_cast<std::size_t>(leaf.eventType) < store->events.size()) {
    dictionaries = &store->events[leaf.eventType].dictionaries;
  }
  std::int32_t index = leaf.index;
  if (leaf.op == plan::Op::Aggregate && leaf.type == ValueType::String && index >= 0 &&
      static_cast<std::size_t>(index) < plan->aggregates.size()) {
    // first/last/min/max of a string property: codes of that property's dictionary.
    const plan::Aggregate& a = plan->aggregates[index];
    if (a.eventType >= 0 && static_cast<std::size_t>(a.eventType) < store->events.size())
      dictionaries = &store->events[a.eventType].dictionaries;
    index = a.property;
  }
  if (dictionaries == nullptr || index < 0 ||
      static_cast<std::size_t>(index) >= dictionaries->size())
    return base::Unexpected{"no dictionary for a string leaf of the plan (field " +
                            std::to_string(index) + ")"};
  return &(*dictionaries)[index];
}

} // namespace seg::exec
