// The pieces of the declarations and block entries that print as one logical line:
// imports, segments, metrics, schema fields, partition branches, score items and cluster lines.
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
void clusterOptionPieces(PieceBuilder& b, const ClusterOption& option);
void clusterFeaturePieces(PieceBuilder& b, const ClusterFeature& feature);

} // namespace seg::format
