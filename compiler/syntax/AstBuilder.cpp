#include "syntax/AstBuilder.h"

#include "syntax/Literals.h"
#include "syntax/TokenRange.h"

#include <fmt/format.h>

namespace seg {

bool isCleanSubtree(antlr4::tree::ParseTree* tree) {
  if (tree == nullptr) return false;
  if (auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(tree)) {
    // Every Seg rule matches at least one token; an empty context is one that error
    // recovery left behind (ANTLR does not add a conjured token to a set match).
    if (ctx->exception != nullptr || ctx->children.empty()) return false;
  }
  if (dynamic_cast<antlr4::tree::ErrorNode*>(tree) != nullptr) return false;
  if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(tree)) {
    // Tokens conjured by error recovery have no index in the token stream.
    return terminal->getSymbol() != nullptr &&
           terminal->getSymbol()->getTokenIndex() != INVALID_INDEX;
  }
  for (auto* child : tree->children)
    if (!isCleanSubtree(child)) return false;
  return true;
}

SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  return rangeOfContext(file_, ctx);
}
SourceRange AstBuilder::range(antlr4::Token* token) const {
  return rangeOfToken(file_, token);
}
SourceRange AstBuilder::range(antlr4::tree::TerminalNode* node) const {
  return node == nullptr ? SourceRange{} : rangeOfToken(file_, node->getSymbol());
}

void AstBuilder::reportLiteralError(antlr4::Token* token, std::uint32_t offset,
                                    std::uint32_t length, const std::string& message,
                                    const std::string& hint) {
  SourceRange r = range(token);
  if (r.begin.line == r.end.line) {
    r.begin.column += offset;
    r.end.column = std::min(r.end.column, r.begin.column + std::max<std::uint32_t>(length, 1));
    if (r.end.column <= r.begin.column) r.end.column = r.begin.column + 1;
  }
  SourceDiagnostic& d = errors_.report(r, message);
  if (!hint.empty()) d.hints.push_back(hint);
}

std::unique_ptr<Module> AstBuilder::build(P::ProgramContext* program) {
  auto module = std::make_unique<Module>();
  module->file = file_;
  if (program == nullptr) return module;
  for (auto* item : program->item()) {
    if (DeclPtr decl = buildItem(item)) module->decls.push_back(std::move(decl));
  }
  return module;
}

DeclPtr AstBuilder::buildItem(P::ItemContext* item) {
  if (item == nullptr) return nullptr;
  bool clean = isCleanSubtree(item);
  if (auto* c = item->importDecl()) return clean ? buildImport(c) : nullptr;
  if (auto* c = item->schemaDecl()) return buildSchema(c);
  if (auto* c = item->segmentDecl()) return buildSegment(c, clean);
  if (auto* c = item->partitionDecl()) return buildPartition(c, clean);
  if (auto* c = item->scoreDecl()) return buildScore(c, clean);
  if (auto* c = item->metricDecl()) return buildMetric(c, clean);
  if (auto* c = item->clusterDecl()) return buildCluster(c, clean);
  return nullptr;
}

std::optional<Ident> AstBuilder::buildName(P::NameContext* ctx) {
  if (ctx == nullptr || !isCleanSubtree(ctx)) return std::nullopt;
  return Ident{ctx->getText(), range(ctx)};
}

DeclPtr AstBuilder::buildImport(P::ImportDeclContext* ctx) {
  auto decl = std::make_unique<ImportDecl>(range(ctx));
  antlr4::Token* token = ctx->STRING()->getSymbol();
  Decoded<std::string> path = decodeString(token->getText());
  if (!path.value) {
    reportLiteralError(token, path.errorOffset, path.errorLength, path.error, path.hint);
    return nullptr;
  }
  decl->path = *path.value;
  decl->pathRange = range(token);
  return decl;
}

std::optional<FieldDecl> AstBuilder::buildField(P::FieldDeclContext* ctx) {
  if (!isCleanSubtree(ctx)) return std::nullopt;
  FieldDecl field;
  field.range = range(ctx);
  field.name = *buildName(ctx->name());
  field.type.range = range(ctx->typeRef());
  if (auto* named = dynamic_cast<P::NamedTypeContext*>(ctx->typeRef())) {
    field.type.name = *buildName(named->name());
    field.type.nullable = named->nullable != nullptr;
  } else if (auto* enumType = dynamic_cast<P::EnumTypeContext*>(ctx->typeRef())) {
    field.type.isEnum = true;
    for (auto* value : enumType->name())
      field.type.enumValues.push_back(*buildName(value));
    field.type.nullable = enumType->nullable != nullptr;
  } else {
    return std::nullopt;
  }
  for (auto* modifier : ctx->fieldModifier()) {
    if (modifier->KEY() != nullptr) field.isKey = true;
    if (modifier->PII() != nullptr) field.isPii = true;
    field.modifierRanges.push_back(range(modifier));
  }
  return field;
}

DeclPtr AstBuilder::buildSchema(P::SchemaDeclContext* ctx) {
  auto decl = std::make_unique<SchemaDecl>(range(ctx));
  decl->incomplete = !isCleanSubtree(ctx);
  for (auto* member : ctx->schemaMember()) {
    SchemaBlock block;
    block.range = range(member);
    std::vector<P::FieldDeclContext*> fields;
    if (auto* contact = member->contactDecl()) {
      block.isContact = true;
      fields = contact->fieldDecl();
    } else if (auto* event = member->eventDecl()) {
      block.isContact = false;
      auto name = buildName(event->name());
      if (!name) continue;
      block.eventName = *name;
      fields = event->fieldDecl();
    } else {
      continue;
    }
    for (auto* field : fields)
      if (auto built = buildField(field)) block.fields.push_back(std::move(*built));
    decl->blocks.push_back(std::move(block));
  }
  return decl;
}

DeclPtr AstBuilder::buildSegment(P::SegmentDeclContext* ctx, bool clean) {
  auto name = buildName(ctx->name());
  if (!name) return nullptr;
  auto decl = std::make_unique<SegmentDecl>(range(ctx));
  decl->name = *name;
  if (clean) decl->condition = buildExpr(ctx->expr(), 1);
  decl->incomplete = decl->condition == nullptr;
  return decl;
}

DeclPtr AstBuilder::buildPartition(P::PartitionDeclContext* ctx, bool clean) {
  auto name = buildName(ctx->name());
  if (!name) return nullptr;
  auto decl = std::make_unique<PartitionDecl>(range(ctx));
  decl->name = *name;
  decl->incomplete = !clean;
  for (auto* branchCtx : ctx->partitionBranch()) {
    if (!isCleanSubtree(branchCtx)) {
      decl->incomplete = true;
      continue;
    }
    PartitionBranch branch;
    branch.range = range(branchCtx);
    if (auto* elseBranch = dynamic_cast<P::ElseBranchContext*>(branchCtx)) {
      branch.name = *buildName(elseBranch->name());
      branch.elseRange = range(elseBranch->ELSE());
    } else if (auto* cond = dynamic_cast<P::CondBranchContext*>(branchCtx)) {
      branch.name = *buildName(cond->name());
      branch.condition = buildExpr(cond->expr(), 1);
      if (branch.condition == nullptr) {
        decl->incomplete = true;
        continue;
      }
    }
    decl->branches.push_back(std::move(branch));
  }
  return decl;
}

std::optional<NumberLiteral> AstBuilder::buildNumber(P::SignedNumberContext* ctx) {
  if (ctx == nullptr || !isCleanSubtree(ctx)) return std::nullopt;
  NumberLiteral number;
  number.range = range(ctx);
  bool negative = ctx->sign != nullptr && ctx->sign->getText() == "-";
  std::string sign = ctx->sign != nullptr ? ctx->sign->getText() : "";
  if (auto* intToken = ctx->INT()) {
    Decoded<std::int64_t> v = decodeInt(intToken->getText());
    if (!v.value) {
      reportLiteralError(intToken->getSymbol(), 0, 0, v.error, v.hint);
      return std::nullopt;
    }
    number.isInt = true;
    number.value = static_cast<double>(negative ? -*v.value : *v.value);
    number.spelling = sign + intToken->getText();
  } else if (auto* floatToken = ctx->FLOAT()) {
    Decoded<double> v = decodeFloat(floatToken->getText());
    if (!v.value) {
      reportLiteralError(floatToken->getSymbol(), 0, 0, v.error, v.hint);
      return std::nullopt;
    }
    number.isInt = false;
    number.value = negative ? -*v.value : *v.value;
    number.spelling = sign + floatToken->getText();
  } else {
    return std::nullopt;
  }
  return number;
}

std::optional<ScoreItem> AstBuilder::buildScoreItem(P::ScoreItemContext* ctx) {
  if (!isCleanSubtree(ctx)) return std::nullopt;
  ScoreItem item;
  item.range = range(ctx);
  if (auto* decay = dynamic_cast<P::DecayItemContext*>(ctx)) {
    item.kind = ScoreItemKind::Decay;
    item.halfLife = buildExpr(decay->expr(), 1);
    if (!item.halfLife) return std::nullopt;
  } else if (auto* rangeItem = dynamic_cast<P::RangeItemContext*>(ctx)) {
    item.kind = ScoreItemKind::Range;
    auto low = buildNumber(rangeItem->low);
    auto high = buildNumber(rangeItem->high);
    if (!low || !high) return std::nullopt;
    item.low = *low;
    item.high = *high;
  } else if (auto* per = dynamic_cast<P::PerRuleContext*>(ctx)) {
    item.kind = ScoreItemKind::PerEvent;
    auto points = buildNumber(per->points);
    auto event = buildName(per->event);
    if (!points || !event) return std::nullopt;
    item.points = *points;
    item.event = *event;
    if (per->cond != nullptr && !(item.where = buildExpr(per->cond, 1))) return std::nullopt;
    if (per->window != nullptr && !(item.within = buildExpr(per->window, 1))) return std::nullopt;
    if (per->cap != nullptr) {
      item.cap = buildNumber(per->cap);
      if (!item.cap) return std::nullopt;
    }
  } else if (auto* rule = dynamic_cast<P::IfRuleContext*>(ctx)) {
    item.kind = ScoreItemKind::IfCondition;
    auto points = buildNumber(rule->signedNumber());
    if (!points) return std::nullopt;
    item.points = *points;
    item.condition = buildExpr(rule->expr(), 1);
    if (!item.condition) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return item;
}

DeclPtr AstBuilder::buildScore(P::ScoreDeclContext* ctx, bool clean) {
  auto name = buildName(ctx->name());
  if (!name) return nullptr;
  auto decl = std::make_unique<ScoreDecl>(range(ctx));
  decl->name = *name;
  decl->incomplete = !clean;
  for (auto* itemCtx : ctx->scoreItem()) {
    if (auto item = buildScoreItem(itemCtx))
      decl->items.push_back(std::move(*item));
    else
      decl->incomplete = true;
  }
  return decl;
}

DeclPtr AstBuilder::buildMetric(P::MetricDeclContext* ctx, bool clean) {
  auto name = buildName(ctx->metricName);
  if (!name) return nullptr;
  auto decl = std::make_unique<MetricDecl>(range(ctx));
  decl->name = *name;
  if (!clean) {
    decl->incomplete = true;
    return decl;
  }
  decl->value = buildExpr(ctx->value, 1);
  if (ctx->filter != nullptr) decl->forCondition = buildExpr(ctx->filter, 1);
  for (auto* group : ctx->groups)
    if (auto g = buildName(group)) decl->groupBy.push_back(*g);
  decl->incomplete =
      decl->value == nullptr || (ctx->filter != nullptr && decl->forCondition == nullptr);
  return decl;
}

// ---------------------------------------------------------------------------- expressions

bool AstBuilder::depthExceeded(antlr4::ParserRuleContext* ctx, std::uint32_t depth) {
  if (depth <= maxExprDepth_) return false;
  if (!depthReported_) {
    depthReported_ = true;
    SourceDiagnostic& d = errors_.report(
        range(ctx),
        fmt::format("expression is too deeply nested (more than {} levels)", maxExprDepth_));
    d.hints.push_back("split it into named segments, or use 'in [...]' for long lists of "
                      "alternatives");
  }
  return true;
}

ExprPtr AstBuilder::buildExpr(P::ExprContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr) return nullptr;
  return buildOr(ctx->orExpr(), depth);
}

// Left-deep chains: operand k of n+1 ends up at depth + (n - k) + (k > 0 ? 1 : 0).
template <class Operand, class BuildOperand, class OpOf>
static ExprPtr buildChain(const std::vector<Operand*>& operands, std::uint32_t depth,
                          BuildOperand buildOperand, OpOf opOf, FileId file) {
  if (operands.empty()) return nullptr;
  const auto n = static_cast<std::uint32_t>(operands.size() - 1);
  ExprPtr result = buildOperand(operands[0], depth + n);
  if (!result) return nullptr;
  for (std::uint32_t k = 1; k <= n; ++k) {
    ExprPtr rhs = buildOperand(operands[k], depth + (n - k) + 1);
    if (!rhs) return nullptr;
    auto [op, opRange] = opOf(k - 1);
    SourceRange whole = merge(result->range, rhs->range);
    result = std::make_unique<BinaryExpr>(whole, op, std::move(result), std::move(rhs), opRange);
  }
  (void)file;
  return result;
}

ExprPtr AstBuilder::buildOr(P::OrExprContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth + ctx->andExpr().size() - 1)) return nullptr;
  auto ors = ctx->OR();
  return buildChain(
      ctx->andExpr(), depth, [&](auto* c, std::uint32_t d) { return buildAnd(c, d); },
      [&](std::uint32_t i) {
        return std::pair{BinaryOp::Or, range(ors.at(i))};
      },
      file_);
}

ExprPtr AstBuilder::buildAnd(P::AndExprContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth + ctx->notExpr().size() - 1)) return nullptr;
  auto ands = ctx->AND();
  return buildChain(
      ctx->notExpr(), depth, [&](auto* c, std::uint32_t d) { return buildNot(c, d); },
      [&](std::uint32_t i) {
        return std::pair{BinaryOp::And, range(ands.at(i))};
      },
      file_);
}

ExprPtr AstBuilder::buildNot(P::NotExprContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth)) return nullptr;
  if (auto* negation = dynamic_cast<P::NegationContext*>(ctx)) {
    ExprPtr operand = buildNot(negation->notExpr(), depth + 1);
    if (!operand) return nullptr;
    return std::make_unique<UnaryExpr>(range(ctx), UnaryOp::Not, std::move(operand));
  }
  if (auto* plain = dynamic_cast<P::PlainComparisonContext*>(ctx))
    return buildComparison(plain->comparison(), depth);
  return nullptr;
}

static BinaryOp compareOpOf(const std::string& text) {
  if (text == "==") return BinaryOp::Eq;
  if (text == "!=") return BinaryOp::Ne;
  if (text == "<") return BinaryOp::Lt;
  if (text == "<=") return BinaryOp::Le;
  if (text == ">") return BinaryOp::Gt;
  return BinaryOp::Ge;
}

ExprPtr AstBuilder::buildComparison(P::ComparisonContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth)) return nullptr;
  auto* tail = ctx->comparisonTail();
  if (tail == nullptr) return buildAdditive(ctx->additive(), depth);
  ExprPtr value = buildAdditive(ctx->additive(), depth + 1);
  if (!value) return nullptr;
  SourceRange whole = range(ctx);
  if (auto* compare = dynamic_cast<P::CompareTailContext*>(tail)) {
    ExprPtr rhs = buildAdditive(compare->additive(), depth + 1);
    if (!rhs) return nullptr;
    return std::make_unique<BinaryExpr>(whole, compareOpOf(compare->compareOp()->getText()),
                                        std::move(value), std::move(rhs),
                                        range(compare->compareOp()));
  }
  if (auto* between = dynamic_cast<P::BetweenTailContext*>(tail)) {
    ExprPtr low = buildAdditive(between->low, depth + 1);
    ExprPtr high = buildAdditive(between->high, depth + 1);
    if (!low || !high) return nullptr;
    return std::make_unique<BetweenExpr>(whole, std::move(value), std::move(low), std::move(high),
                                         between->NOT() != nullptr);
  }
  if (auto* in = dynamic_cast<P::InTailContext*>(tail)) {
    std::vector<ExprPtr> items;
    for (auto* item : in->additive()) {
      ExprPtr built = buildAdditive(item, depth + 1);
      if (!built) return nullptr;
      items.push_back(std::move(built));
    }
    return std::make_unique<InExpr>(whole, std::move(value), std::move(items),
                                    in->NOT() != nullptr);
  }
  if (auto* isNull = dynamic_cast<P::IsNullTailContext*>(tail))
    return std::make_unique<IsNullExpr>(whole, std::move(value), isNull->NOT() != nullptr);
  return nullptr;
}

ExprPtr AstBuilder::buildAdditive(P::AdditiveContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth + ctx->multiplicative().size() - 1))
    return nullptr;
  return buildChain(
      ctx->multiplicative(), depth,
      [&](auto* c, std::uint32_t d) { return buildMultiplicative(c, d); },
      [&](std::uint32_t i) {
        antlr4::Token* op = ctx->op.at(i);
        return std::pair{op->getText() == "+" ? BinaryOp::Add : BinaryOp::Sub, range(op)};
      },
      file_);
}

ExprPtr AstBuilder::buildMultiplicative(P::MultiplicativeContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth + ctx->unary().size() - 1)) return nullptr;
  return buildChain(
      ctx->unary(), depth, [&](auto* c, std::uint32_t d) { return buildUnary(c, d); },
      [&](std::uint32_t i) {
        antlr4::Token* op = ctx->op.at(i);
        std::string text = op->getText();
        BinaryOp kind = text == "*" ? BinaryOp::Mul : text == "/" ? BinaryOp::Div : BinaryOp::Mod;
        return std::pair{kind, range(op)};
      },
      file_);
}

ExprPtr AstBuilder::buildUnary(P::UnaryContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth)) return nullptr;
  if (auto* negate = dynamic_cast<P::NegateContext*>(ctx)) {
    ExprPtr operand = buildUnary(negate->unary(), depth + 1);
    if (!operand) return nullptr;
    return std::make_unique<UnaryExpr>(range(ctx), UnaryOp::Negate, std::move(operand));
  }
  if (auto* plain = dynamic_cast<P::PlainUnaryContext*>(ctx))
    return buildPostfix(plain->postfix(), depth);
  return nullptr;
}

ExprPtr AstBuilder::buildPostfix(P::PostfixContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr) return nullptr;
  auto members = ctx->name();
  auto n = static_cast<std::uint32_t>(members.size());
  if (depthExceeded(ctx, depth + n)) return nullptr;
  ExprPtr result = buildPrimary(ctx->primary(), depth + n);
  for (auto* member : members) {
    if (!result) return nullptr;
    auto name = buildName(member);
    if (!name) return nullptr;
    SourceRange whole = merge(result->range, name->range);
    result = std::make_unique<MemberExpr>(whole, std::move(result), name->text, name->range);
  }
  return result;
}

std::optional<CallArg> AstBuilder::buildCallArg(P::CallArgContext* ctx, std::uint32_t depth) {
  CallArg arg;
  arg.range = range(ctx);
  arg.value = buildExpr(ctx->value, depth);
  if (!arg.value) return std::nullopt;
  if (ctx->cond != nullptr && !(arg.where = buildExpr(ctx->cond, depth))) return std::nullopt;
  if (ctx->next != nullptr && !(arg.thenEvent = buildExpr(ctx->next, depth))) return std::nullopt;
  if (ctx->nextCond != nullptr && !(arg.thenWhere = buildExpr(ctx->nextCond, depth)))
    return std::nullopt;
  if (ctx->window != nullptr && !(arg.within = buildExpr(ctx->window, depth))) return std::nullopt;
  return arg;
}

ExprPtr AstBuilder::buildPrimary(P::PrimaryContext* ctx, std::uint32_t depth) {
  if (ctx == nullptr || depthExceeded(ctx, depth)) return nullptr;
  SourceRange r = range(ctx);
  if (auto* lit = dynamic_cast<P::IntLiteralContext*>(ctx)) {
    Decoded<std::int64_t> v = decodeInt(lit->INT()->getText());
    if (!v.value) {
      reportLiteralError(lit->INT()->getSymbol(), 0, 0, v.error, v.hint);
      return nullptr;
    }
    return std::make_unique<IntLiteral>(r, *v.value);
  }
  if (auto* lit = dynamic_cast<P::FloatLiteralContext*>(ctx)) {
    Decoded<double> v = decodeFloat(lit->FLOAT()->getText());
    if (!v.value) {
      reportLiteralError(lit->FLOAT()->getSymbol(), 0, 0, v.error, v.hint);
      return nullptr;
    }
    return std::make_unique<FloatLiteral>(r, *v.value, lit->FLOAT()->getText());
  }
  if (auto* lit = dynamic_cast<P::DurationLiteralContext*>(ctx)) {
    antlr4::Token* token = lit->NUMBER_WITH_UNIT()->getSymbol();
    Decoded<DurationValue> v = decodeDuration(token->getText());
    if (!v.value) {
      reportLiteralError(token, v.errorOffset, v.errorLength, v.error, v.hint);
      return nullptr;
    }
    return std::make_unique<DurationLiteral>(r, v.value->amount, v.value->unit, v.value->micros);
  }
  if (auto* lit = dynamic_cast<P::StringLiteralContext*>(ctx)) {
    antlr4::Token* token = lit->STRING()->getSymbol();
    Decoded<std::string> v = decodeString(token->getText());
    if (!v.value) {
      reportLiteralError(token, v.errorOffset, v.errorLength, v.error, v.hint);
      return nullptr;
    }
    return std::make_unique<StringLiteral>(r, std::move(*v.value));
  }
  if (auto* lit = dynamic_cast<P::TimestampLiteralContext*>(ctx)) {
    antlr4::Token* token = lit->TIMESTAMP()->getSymbol();
    std::string spelling = token->getText().substr(1);
    Decoded<std::int64_t> v = decodeTimestamp(spelling);
    if (!v.value) {
      reportLiteralError(token, v.errorOffset, v.errorLength, v.error, v.hint);
      return nullptr;
    }
    return std::make_unique<TimestampLiteral>(r, *v.value, std::move(spelling));
  }
  if (auto* lit = dynamic_cast<P::BoolLiteralContext*>(ctx))
    return std::make_unique<BoolLiteral>(r, lit->TRUE_KW() != nullptr);
  if (dynamic_cast<P::NowLiteralContext*>(ctx) != nullptr) return std::make_unique<NowExpr>(r);
  if (auto* call = dynamic_cast<P::CallContext*>(ctx)) {
    auto callee = buildName(call->name());
    if (!callee) return nullptr;
    std::vector<CallArg> args;
    for (auto* argCtx : call->callArg()) {
      auto arg = buildCallArg(argCtx, depth + 1);
      if (!arg) return nullptr;
      args.push_back(std::move(*arg));
    }
    return std::make_unique<CallExpr>(r, callee->text, callee->range, std::move(args));
  }
  if (auto* ref = dynamic_cast<P::NameRefContext*>(ctx)) {
    auto name = buildName(ref->name());
    if (!name) return nullptr;
    return std::make_unique<NameExpr>(r, name->text);
  }
  if (auto* parens = dynamic_cast<P::ParensContext*>(ctx)) {
    return buildExpr(parens->expr(), depth);
  }
  return nullptr;
}

} // namespace seg
