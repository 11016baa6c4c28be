#include "sema/CheckedSchema.h"

namespace seg {

std::optional<int> EventInfo::propertyIndex(std::string_view property) const {
  for (std::size_t i = 0; i < properties.size(); ++i)
    if (properties[i].name == property) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> CheckedSchema::fieldIndex(std::string_view name) const {
  for (std::size_t i = 0; i < contactFields.size(); ++i)
    if (contactFields[i].name == name) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> CheckedSchema::eventIndex(std::string_view name) const {
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].name == name) return static_cast<int>(i);
  return std::nullopt;
}

const EnumType* CheckedSchema::addEnum(EnumType type) {
  enums_.push_back(std::make_unique<EnumType>(std::move(type)));
  return enums_.back().get();
}

} // namespace seg
