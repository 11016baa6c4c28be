#include "sema/DependencyOrder.h"

#include "sema/Definitions.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg {
namespace {

enum class Mark { Unvisited, InProgress, Done };

// Iterative depth-first search: definition chains can be long, recursion is not needed.
class Orderer {
public:
  Orderer(const std::map<const Decl*, std::set<const Decl*>>& reads, DiagnosticSink& diagnostics)
      : reads_(reads), diagnostics_(diagnostics) {}

  void visit(const Decl* root) {
    if (marks_[root] != Mark::Unvisited) return;
    struct Frame {
      const Decl* decl;
      std::vector<const Decl*> next;
      std::size_t index = 0;
    };
    std::vector<Frame> stack;
    auto push = [&](const Decl* decl) {
      marks_[decl] = Mark::InProgress;
      Frame frame{decl, {}, 0};
      if (auto it = reads_.find(decl); it != reads_.end())
        frame.next.assign(it->second.begin(), it->second.end());
      // Deterministic order: by position in the source.
      std::sort(frame.next.begin(), frame.next.end(), [](const Decl* a, const Decl* b) {
        if (a->range.file != b->range.file) return a->range.file < b->range.file;
        return a->range.begin < b->range.begin;
      });
      stack.push_back(std::move(frame));
    };
    push(root);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.index < top.next.size()) {
        const Decl* next = top.next[top.index++];
        if (marks_[next] == Mark::Unvisited) {
          push(next);
        } else if (marks_[next] == Mark::InProgress) {
          reportCycle(stack, next);
        }
        continue;
      }
      marks_[top.decl] = Mark::Done;
      order_.push_back(top.decl);
      stack.pop_back();
    }
  }

  std::vector<const Decl*> take() { return std::move(order_); }

private:
  template <class Stack> void reportCycle(const Stack& stack, const Decl* start) {
    std::size_t from = 0;
    while (stack[from].decl != start)
      ++from;
    std::string path;
    for (std::size_t i = from; i < stack.size(); ++i)
      path += Definitions::nameOf(*stack[i].decl).text + " → ";
    path += Definitions::nameOf(*start).text;
    const Ident& name = Definitions::nameOf(*start);
    SourceDiagnostic& d =
        diagnostics_.error(name.range, fmt::format("{} '{}' depends on itself: {}",
                                                   Definitions::kindWord(*start), name.text, path));
    d.hints.push_back("a definition cannot use its own result; break the cycle");
    for (std::size_t i = from + 1; i < stack.size(); ++i) {
      const Ident& other = Definitions::nameOf(*stack[i].decl);
      d.notes.push_back({other.range, fmt::format("'{}' is part of the cycle", other.text)});
    }
  }

  const std::map<const Decl*, std::set<const Decl*>>& reads_;
  DiagnosticSink& diagnostics_;
  std::map<const Decl*, Mark> marks_;
  std::vector<const Decl*> order_;
};

} // namespace

std::vector<const Decl*>
orderByDependencies(const std::vector<const Decl*>& definitions,
                    const std::map<const Decl*, std::set<const Decl*>>& reads,
                    DiagnosticSink& diagnostics) {
  Orderer orderer(reads, diagnostics);
  for (const Decl* decl : definitions)
    orderer.visit(decl);
  return orderer.take();
}

} // namespace seg
