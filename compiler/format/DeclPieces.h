// The pieces of the declarations and block entries that print as one logical line:
// imports, segments, metrics, schema fields, partition branches and score items.
#pragma once

#include "ast/Decl.h"
#include "format/PieceBuilder.h"

namespace seg::format {

void importPieces(PieceBuilder& b, const ImportDecl& d);
void segmentPieces(PieceBuilder& b, const SegmentDecl& d);
void metricPieces(PieceBuilder& b, const MetricDecl& d);
void fieldPieces(PieceBuilder& b, const FieldDecl& field);
void branchPieces(PieceBuilder& b, const PartitionBranch& branch);
void scoreItemPieces(PieceBuilder& b, const ScoreItem& item);

} // namespace seg::format
