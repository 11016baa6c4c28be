// Formats a module (`seg fmt`): emits its declarations and the blocks inside them, and
// gives each comment between them its place.
#include "format/Formatter.h"

#include "format/Comments.h"
#include "format/DeclPieces.h"
#include "format/LineLayout.h"
#include "format/Output.h"
#include "format/PieceBuilder.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>

namespace seg::format {
namespace {

constexpr std::size_t kIndentStep = 2;

constexpr SourcePos kEndOfFile{std::numeric_limits<std::uint32_t>::max(),
                               std::numeric_limits<std::uint32_t>::max()};

// Emits declarations and the blocks inside them, each comment at the place it belongs:
// before the item it precedes, at the end of the line it trails, or inside the item.
class ModuleFormatter {
public:
  explicit ModuleFormatter(const std::vector<Comment>& comments) : comments_(comments) {}

  std::string run(const Module& module) {
    std::vector<Entry> entries;
    for (const DeclPtr& decl : module.decls)
      entries.push_back(declEntry(*decl));
    emitEntries(entries, 0, kEndOfFile, true);
    return out_.render();
  }

private:
  // Where an entry goes: its indentation, and where the next entry of its block begins.
  struct Place {
    std::size_t indent = 0;
    SourcePos next;
  };

  struct Entry {
    SourceRange range;
    bool isBlock = false; // blocks get a blank line around them at the top level
    std::function<void(const Place&)> emit;
  };

  // The last source line emitted in the current block, to keep blank lines the author left.
  struct Gap {
    std::uint32_t lastLine = 0;
    bool any = false;
  };

  void separate(Gap& gap, std::uint32_t nextLine) {
    if (gap.any && nextLine > gap.lastLine + 1) out_.blankLine();
  }

  void emitEntries(const std::vector<Entry>& entries, std::size_t indent, const SourcePos& end,
                   bool topLevel) {
    Gap gap;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const Entry& entry = entries[k];
      if (topLevel && k > 0 && (entries[k - 1].isBlock || entry.isBlock)) out_.blankLine();
      while (const Comment* c = comments_.popBefore(entry.range.begin))
        ownLineComment(*c, indent, gap);
      separate(gap, entry.range.begin.line);
      const SourcePos& next = k + 1 < entries.size() ? entries[k + 1].range.begin : end;
      entry.emit({indent, next});
      gap = {entry.range.end.line, true};
      trailingComments(entry.range.end.line, next, indent, gap);
    }
    while (const Comment* c = comments_.popBefore(end))
      ownLineComment(*c, indent, gap);
  }

  // Comments after an entry on its last line end that line. Once one of them must end the
  // line, the rest stay in the queue and come out as the next entry's leading comments,
  // which is what they are when the output is formatted again.
  void trailingComments(std::uint32_t line, const SourcePos& limit, std::size_t indent, Gap& gap) {
    for (const Comment* c = comments_.peek();
         c != nullptr && c->range.begin < limit && c->range.begin.line == line && out_.canTrail();
         c = comments_.peek()) {
      comments_.pop();
      out_.addTrailing(commentText(*c), indent);
      gap.lastLine = c->range.end.line;
    }
  }

  void ownLineComment(const Comment& c, std::size_t indent, Gap& gap) {
    separate(gap, c.range.begin.line);
    out_.startLine(indent);
    out_.addTrailing(commentText(c), indent);
    gap = {c.range.end.line, true};
  }

  void emitLine(PieceBuilder& builder, const SourceRange& range, std::size_t indent) {
    LogicalLine line = builder.take();
    std::vector<const Comment*> inside = comments_.takeBefore(range.end);
    // Comments after the last token end the last line, like those after the entry.
    std::vector<const Comment*> after = layOutLine(out_, line, inside, indent);
    std::size_t kept = 0;
    for (; kept < after.size() && out_.canTrail(); ++kept)
      out_.addTrailing(commentText(*after[kept]), indent);
    comments_.putBack({after.begin() + static_cast<std::ptrdiff_t>(kept), after.end()});
  }

  void emitBlock(const std::string& header, const SourceRange& range,
                 const std::vector<Entry>& children, const Place& place) {
    out_.startLine(place.indent);
    out_.append(header, false);
    if (children.empty() && !comments_.hasBefore(range.end)) {
      out_.append("{}", true);
      return;
    }
    out_.append("{", true);
    const std::size_t inner = place.indent + kIndentStep;
    const SourcePos& first = children.empty() ? range.end : children.front().range.begin;
    for (const Comment* c : comments_.takeOnLine(range.begin.line, range.begin, first))
      out_.addTrailing(commentText(*c), inner);
    // A comment after a block written on one line describes the whole block: it stays on
    // the block's first line, where it is found again when the output is formatted.
    if (range.begin.line == range.end.line)
      for (const Comment* c : comments_.takeOnLine(range.end.line, range.end, place.next))
        out_.addTrailing(commentText(*c), inner);
    emitEntries(children, inner, range.end, false);
    out_.startLine(place.indent);
    out_.append("}", false);
  }

  Entry declEntry(const Decl& decl) {
    switch (decl.kind) {
    case DeclKind::Import:
      return lineEntry(decl.range,
                       [&](PieceBuilder& b) { importPieces(b, decl.as<ImportDecl>()); });
    case DeclKind::Schema:
      return {decl.range, true, [&](const Place& p) { schema(decl, p); }};
    case DeclKind::Segment:
      return lineEntry(decl.range,
                       [&](PieceBuilder& b) { segmentPieces(b, decl.as<SegmentDecl>()); });
    case DeclKind::Partition:
      return {decl.range, true, [&](const Place& p) { partition(decl.as<PartitionDecl>(), p); }};
    case DeclKind::Score:
      return {decl.range, true, [&](const Place& p) { score(decl.as<ScoreDecl>(), p); }};
    case DeclKind::Metric:
      return lineEntry(decl.range,
                       [&](PieceBuilder& b) { metricPieces(b, decl.as<MetricDecl>()); });
    }
    return {decl.range, false, [](const Place&) {}};
  }

  Entry lineEntry(const SourceRange& range, std::function<void(PieceBuilder&)> build) {
    return {range, false, [this, range, build = std::move(build)](const Place& place) {
              PieceBuilder builder;
              build(builder);
              emitLine(builder, range, place.indent);
            }};
  }

  void schema(const Decl& decl, const Place& place) {
    std::vector<Entry> blocks;
    for (const SchemaBlock& block : decl.as<SchemaDecl>().blocks)
      blocks.push_back({block.range, false, [&](const Place& p) { schemaBlock(block, p); }});
    emitBlock("schema", decl.range, blocks, place);
  }

  void schemaBlock(const SchemaBlock& block, const Place& place) {
    std::vector<Entry> fields;
    for (const FieldDecl& field : block.fields)
      fields.push_back(lineEntry(field.range, [&](PieceBuilder& b) { fieldPieces(b, field); }));
    std::string header = block.isContact ? "contact" : "event " + block.eventName.text;
    emitBlock(header, block.range, fields, place);
  }

  void partition(const PartitionDecl& d, const Place& place) {
    if (d.cluster) {
      cluster(d, *d.cluster, place);
      return;
    }
    std::vector<Entry> branches;
    for (const PartitionBranch& branch : d.branches)
      branches.push_back(
          lineEntry(branch.range, [&](PieceBuilder& b) { branchPieces(b, branch); }));
    emitBlock("partition " + d.name.text, d.range, branches, place);
  }

  // Options and features in the order written.
  void cluster(const PartitionDecl& d, const ClusterSpec& spec, const Place& place) {
    std::vector<Entry> items;
    for (const ClusterOption& option : spec.options)
      items.push_back(
          lineEntry(option.range, [&](PieceBuilder& b) { clusterOptionPieces(b, option); }));
    for (const ClusterFeature& feature : spec.features)
      items.push_back(
          lineEntry(feature.range, [&](PieceBuilder& b) { clusterFeaturePieces(b, feature); }));
    std::stable_sort(items.begin(), items.end(),
                     [](const Entry& a, const Entry& b) { return a.range.begin < b.range.begin; });
    emitBlock("cluster " + d.name.text, d.range, items, place);
  }

  void score(const ScoreDecl& d, const Place& place) {
    std::vector<Entry> items;
    for (const ScoreItem& item : d.items)
      items.push_back(lineEntry(item.range, [&](PieceBuilder& b) { scoreItemPieces(b, item); }));
    emitBlock("score " + d.name.text, d.range, items, place);
  }

  CommentQueue comments_;
  Output out_;
};

} // namespace
} // namespace seg::format

namespace seg {

std::string formatModule(const Module& module, const std::vector<Comment>& comments) {
  return format::ModuleFormatter(comments).run(module);
}

} // namespace seg
