// A generated Seg program as a list of definitions that know which earlier definitions they
// use, so a failing program can be cut down to one definition and what it needs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace seg::fuzz {

enum class DefinitionKind { Segment, Partition, Score, Metric };

struct Definition {
  DefinitionKind kind = DefinitionKind::Segment;
  std::string name;
  std::string text;              // the whole item, e.g. "segment s0 = age > 30\n"
  std::vector<std::size_t> uses; // indices of earlier definitions it refers to
};

struct GeneratedProgram {
  std::vector<Definition> definitions;

  // The program's source (without the schema, which callers prepend).
  std::string text() const;
  // `root` and every definition it uses, directly or not, in program order.
  std::vector<std::size_t> closure(std::size_t root) const;
  // Only the definitions listed (in program order).
  std::string textOf(const std::vector<std::size_t>& indices) const;
  // Splits hand-written or reported program text into definitions; a definition uses the
  // others whose names (or partition branch names) it mentions.
  static GeneratedProgram parse(const std::string& text);
  // The definition named `name` (a slot or metric name), or definitions.size().
  std::size_t find(const std::string& name) const;
};

} // namespace seg::fuzz
