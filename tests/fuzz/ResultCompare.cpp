// Column and metric comparison with values rendered for failure messages.
#include "ResultCompare.h"

#include <bit>
#include <cstring>
#include <fmt/format.h>

namespace seg::fuzz {
namespace {

std::string renderDouble(double v) {
  return fmt::format("{} [0x{:016x}]", v, std::bit_cast<std::uint64_t>(v));
}

std::optional<Difference> compareColumns(const std::string& what, const exec::ContactColumn& a,
                                         const exec::ContactColumn& b, std::size_t rows) {
  if (a.type != b.type)
    return Difference{what, 0, fmt::format("type {}", plan::valueTypeName(a.type)),
                      fmt::format("type {}", plan::valueTypeName(b.type))};
  const std::size_t width = exec::widthOf(a.type);
  if (a.values.size() < rows * width || b.values.size() < rows * width)
    return Difference{what, 0, fmt::format("{} bytes", a.values.size()),
                      fmt::format("{} bytes", b.values.size())};
  for (std::size_t row = 0; row < rows; ++row) {
    bool va = a.isValid(row), vb = b.isValid(row);
    bool same = va == vb && (!va || std::memcmp(a.values.data() + row * width,
                                                b.values.data() + row * width, width) == 0);
    if (!same) return Difference{what, row, renderValue(a, row), renderValue(b, row)};
  }
  return std::nullopt;
}

std::string renderMetricRow(const exec::MetricRow& row) {
  std::string key;
  for (const std::string& k : row.groupKey)
    key += (key.empty() ? "" : ", ") + k;
  return fmt::format("[{}] value={} integral={} contacts={}", key,
                     row.value ? renderDouble(*row.value) : "null", row.integral, row.contacts);
}

bool sameRow(const exec::MetricRow& a, const exec::MetricRow& b) {
  if (a.groupKey != b.groupKey || a.integral != b.integral || a.contacts != b.contacts ||
      a.value.has_value() != b.value.has_value())
    return false;
  return !a.value ||
         std::bit_cast<std::uint64_t>(*a.value) == std::bit_cast<std::uint64_t>(*b.value);
}

} // namespace

std::string renderValue(const exec::ContactColumn& column, std::size_t row) {
  if (!column.isValid(row)) return "null";
  const std::byte* p = column.values.data() + row * exec::widthOf(column.type);
  switch (column.type) {
  case plan::ValueType::Bool: {
    std::uint8_t v;
    std::memcpy(&v, p, 1);
    return v == 1 ? "true" : v == 0 ? "false" : fmt::format("bool byte {}", v);
  }
  case plan::ValueType::Float: {
    double v;
    std::memcpy(&v, p, 8);
    return renderDouble(v);
  }
  case plan::ValueType::Enum:
  case plan::ValueType::String: {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return fmt::format("{} #{}", plan::valueTypeName(column.type), v);
  }
  default: {
    std::int64_t v;
    std::memcpy(&v, p, 8);
    return fmt::format("{} {}", plan::valueTypeName(column.type), v);
  }
  }
}

std::optional<Difference> firstDifference(const plan::Plan& plan, const exec::RunResult& left,
                                          const exec::RunResult& right) {
  const exec::BoundPlan& a = *left.bound;
  const exec::BoundPlan& b = *right.bound;
  const std::size_t rows = a.store->contacts.rows;
  if (a.slots.size() != b.slots.size() || a.ranks.size() != b.ranks.size())
    return Difference{"column count", 0, std::to_string(a.slots.size()),
                      std::to_string(b.slots.size())};
  for (std::size_t s = 0; s < a.slots.size(); ++s)
    if (auto d = compareColumns("slot " + plan.slots[s].name, a.slots[s], b.slots[s], rows))
      return d;
  for (std::size_t r = 0; r < a.ranks.size(); ++r)
    if (auto d = compareColumns(fmt::format("rank {}", r), a.ranks[r], b.ranks[r], rows)) return d;
  if (left.metrics.size() != right.metrics.size())
    return Difference{"metric count", 0, std::to_string(left.metrics.size()),
                      std::to_string(right.metrics.size())};
  for (std::size_t m = 0; m < left.metrics.size(); ++m) {
    const exec::MetricResult& x = left.metrics[m];
    const exec::MetricResult& y = right.metrics[m];
    std::string what = "metric " + x.name;
    if (x.rows.size() != y.rows.size())
      return Difference{what, 0, fmt::format("{} rows", x.rows.size()),
                        fmt::format("{} rows", y.rows.size())};
    for (std::size_t r = 0; r < x.rows.size(); ++r)
      if (!sameRow(x.rows[r], y.rows[r]))
        return Difference{what, r, renderMetricRow(x.rows[r]), renderMetricRow(y.rows[r])};
  }
  return std::nullopt;
}

} // namespace seg::fuzz
