// Spells out one-line declarations and block entries as pieces, leaving expressions to
// PieceBuilder.
#include "format/DeclPieces.h"

namespace seg::format {
namespace {

void perRule(PieceBuilder& b, const ScoreItem& item) {
  b.number(item.points);
  b.word("per");
  b.ident(item.event);
  if (item.where) {
    b.word("where");
    b.expr(*item.where);
  }
  if (item.within) {
    b.word("within");
    b.expr(*item.within);
  }
  if (item.cap) {
    b.word("max");
    b.number(*item.cap);
  }
}

} // namespace

void importPieces(PieceBuilder& b, const ImportDecl& d) {
  b.word("import", d.range.begin);
  b.word(quoted(d.path), d.pathRange.begin);
}

void segmentPieces(PieceBuilder& b, const SegmentDecl& d) {
  b.word("segment", d.range.begin);
  b.ident(d.name);
  b.sticky("=", false);
  if (d.condition) b.condition(*d.condition);
}

void metricPieces(PieceBuilder& b, const MetricDecl& d) {
  b.word("metric", d.range.begin);
  b.ident(d.name);
  b.sticky("=", false);
  int clauses = b.openClauses();
  if (d.value) b.expr(*d.value);
  if (d.forCondition) {
    b.clauseKeyword("for", clauses);
    b.expr(*d.forCondition);
  }
  for (std::size_t i = 0; i < d.groupBy.size(); ++i) {
    if (i == 0)
      b.clauseKeyword("by", clauses);
    else
      b.sticky(",");
    b.ident(d.groupBy[i]);
  }
  b.closeClauses(clauses);
}

void fieldPieces(PieceBuilder& b, const FieldDecl& field) {
  b.ident(field.name);
  b.sticky(":");
  if (field.type.isEnum) {
    b.word("enum", field.type.range.begin);
    b.word("{");
    for (std::size_t i = 0; i < field.type.enumValues.size(); ++i) {
      if (i > 0) b.sticky(",");
      b.ident(field.type.enumValues[i]);
    }
    b.sticky("}", false);
  } else {
    b.ident(field.type.name);
  }
  if (field.type.nullable) b.sticky("?");
  if (field.isKey) b.word("key");
  if (field.isPii) b.word("pii");
}

void branchPieces(PieceBuilder& b, const PartitionBranch& branch) {
  b.ident(branch.name);
  b.sticky("=", false);
  if (branch.condition)
    b.condition(*branch.condition);
  else
    b.word("else", branch.elseRange.begin);
}

void scoreItemPieces(PieceBuilder& b, const ScoreItem& item) {
  switch (item.kind) {
  case ScoreItemKind::Decay:
    b.word("decay", item.range.begin);
    b.word("half_life");
    if (item.halfLife) b.expr(*item.halfLife);
    break;
  case ScoreItemKind::Range:
    b.word("range", item.range.begin);
    b.number(item.low);
    b.number(item.high);
    break;
  case ScoreItemKind::PerEvent:
    perRule(b, item);
    break;
  case ScoreItemKind::IfCondition:
    b.number(item.points);
    b.word("if");
    if (item.condition) b.condition(*item.condition);
    break;
  }
}

void clusterOptionPieces(PieceBuilder& b, const ClusterOption& option) {
  b.ident(option.name);
  b.number(option.value);
}

void clusterFeaturePieces(PieceBuilder& b, const ClusterFeature& feature) {
  b.ident(feature.name);
  b.sticky("=", false);
  b.expr(*feature.value);
}

} // namespace seg::format
