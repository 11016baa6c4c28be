// Builds the Seg AST from an ANTLR parse tree, decoding literals and bounding the depth
// of the expression trees it creates.
#pragma once

#include "SegParser.h"
#include "ast/Decl.h"
#include "syntax/SyntaxErrors.h"

#include <memory>

namespace seg {

class AstBuilder {
public:
  AstBuilder(FileId file, SyntaxErrorCollector& errors, std::uint32_t maxExprDepth)
      : file_(file), errors_(errors), maxExprDepth_(maxExprDepth) {}

  std::unique_ptr<Module> build(grammar::SegParser::ProgramContext* program);

private:
  using P = grammar::SegParser;

  DeclPtr buildItem(P::ItemContext* item);
  DeclPtr buildImport(P::ImportDeclContext* ctx);
  DeclPtr buildSchema(P::SchemaDeclContext* ctx);
  std::optional<FieldDecl> buildField(P::FieldDeclContext* ctx);
  DeclPtr buildSegment(P::SegmentDeclContext* ctx, bool clean);
  DeclPtr buildPartition(P::PartitionDeclContext* ctx, bool clean);
  DeclPtr buildScore(P::ScoreDeclContext* ctx, bool clean);
  DeclPtr buildCluster(P::ClusterDeclContext* ctx, bool clean); // ClusterBuilder.cpp
  std::optional<ScoreItem> buildScoreItem(P::ScoreItemContext* ctx);
  DeclPtr buildMetric(P::MetricDeclContext* ctx, bool clean);
  std::optional<NumberLiteral> buildNumber(P::SignedNumberContext* ctx);
  std::optional<Ident> buildName(P::NameContext* ctx);

  // `depth` is the depth in the expression tree of the node being built.
  ExprPtr buildExpr(P::ExprContext* ctx, std::uint32_t depth);
  ExprPtr buildOr(P::OrExprContext* ctx, std::uint32_t depth);
  ExprPtr buildAnd(P::AndExprContext* ctx, std::uint32_t depth);
  ExprPtr buildNot(P::NotExprContext* ctx, std::uint32_t depth);
  ExprPtr buildComparison(P::ComparisonContext* ctx, std::uint32_t depth);
  ExprPtr buildAdditive(P::AdditiveContext* ctx, std::uint32_t depth);
  ExprPtr buildMultiplicative(P::MultiplicativeContext* ctx, std::uint32_t depth);
  ExprPtr buildUnary(P::UnaryContext* ctx, std::uint32_t depth);
  ExprPtr buildPostfix(P::PostfixContext* ctx, std::uint32_t depth);
  ExprPtr buildPrimary(P::PrimaryContext* ctx, std::uint32_t depth);
  std::optional<CallArg> buildCallArg(P::CallArgContext* ctx, std::uint32_t depth);
  bool depthExceeded(antlr4::ParserRuleContext* ctx, std::uint32_t depth);

  SourceRange range(antlr4::ParserRuleContext* ctx) const;
  SourceRange range(antlr4::Token* token) const;
  SourceRange range(antlr4::tree::TerminalNode* node) const;
  // Reports a literal's error with the caret under the exact offending characters.
  void reportLiteralError(antlr4::Token* token, std::uint32_t offset, std::uint32_t length,
                          const std::string& message, const std::string& hint);

  FileId file_;
  SyntaxErrorCollector& errors_;
  std::uint32_t maxExprDepth_;
  bool depthReported_ = false;
};

// True when the subtree holds no syntax error (no error nodes, no conjured tokens).
bool isCleanSubtree(antlr4::tree::ParseTree* tree);

} // namespace seg
