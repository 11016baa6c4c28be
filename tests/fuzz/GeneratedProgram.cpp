// Program text and dependency closures of generated programs.
#include "GeneratedProgram.h"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace seg::fuzz {

std::string GeneratedProgram::text() const {
  std::string out;
  for (const Definition& d : definitions)
    out += d.text;
  return out;
}

std::vector<std::size_t> GeneratedProgram::closure(std::size_t root) const {
  std::vector<bool> needed(definitions.size(), false);
  std::vector<std::size_t> work{root};
  while (!work.empty()) {
    std::size_t i = work.back();
    work.pop_back();
    if (needed[i]) continue;
    needed[i] = true;
    for (std::size_t used : definitions[i].uses)
      work.push_back(used);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < definitions.size(); ++i)
    if (needed[i]) out.push_back(i);
  return out;
}

std::string GeneratedProgram::textOf(const std::vector<std::size_t>& indices) const {
  std::vector<std::size_t> sorted = indices;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (std::size_t i : sorted)
    out += definitions[i].text;
  return out;
}

std::size_t GeneratedProgram::find(const std::string& name) const {
  for (std::size_t i = 0; i < definitions.size(); ++i)
    if (definitions[i].name == name) return i;
  return definitions.size();
}

GeneratedProgram GeneratedProgram::parse(const std::string& text) {
  static const std::regex item(R"(^(segment|partition|cluster|score|metric)\s+(\w+))");
  static const std::regex branch(R"(^\s+(\w+)\s*=)");
  static const std::regex word(R"(\w+)");
  static const std::regex clusterCount(R"(^\s+k\s+(\d+))"); // a cluster's branches: c1 … ck
  GeneratedProgram program;
  std::vector<std::set<std::string>> names; // what each definition defines
  std::istringstream in(text);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, item)) {
      Definition d;
      d.kind = m[1] == "partition" || m[1] == "cluster" ? DefinitionKind::Partition
               : m[1] == "score"                        ? DefinitionKind::Score
               : m[1] == "metric"                       ? DefinitionKind::Metric
                                                        : DefinitionKind::Segment;
      d.name = m[2];
      program.definitions.push_back(d);
      names.push_back({d.name});
    } else if (program.definitions.empty()) {
      continue; // comments or blank lines before the first item
    } else if (program.definitions.back().kind == DefinitionKind::Partition &&
               std::regex_search(line, m, clusterCount)) {
      for (int c = 1; c <= std::stoi(m[1]); ++c)
        names.back().insert("c" + std::to_string(c));
    } else if (program.definitions.back().kind == DefinitionKind::Partition &&
               std::regex_search(line, m, branch)) {
      names.back().insert(m[1]);
    }
    program.definitions.back().text += line + "\n";
  }
  // A definition uses every other one whose name (or branch name) it mentions.
  for (std::size_t i = 0; i < program.definitions.size(); ++i) {
    Definition& d = program.definitions[i];
    std::set<std::string> words;
    for (auto it = std::sregex_iterator(d.text.begin(), d.text.end(), word);
         it != std::sregex_iterator(); ++it)
      words.insert(it->str());
    for (std::size_t j = 0; j < program.definitions.size(); ++j) {
      if (j == i || program.definitions[j].kind == DefinitionKind::Metric) continue;
      for (const std::string& n : names[j])
        if (words.count(n) != 0 && (n != d.name || j < i)) {
          d.uses.push_back(j);
          break;
        }
    }
  }
  return program;
}

} // namespace seg::fuzz
