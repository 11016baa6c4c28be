// Top-level declarations of a Seg module: imports, schema blocks, segments,
// partitions, scores and metrics, each with its source range.
#pragma once

#include "ast/Expr.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg {

struct Ident {
  std::string text;
  SourceRange range;
};

// A number as written in a score (points, caps, range bounds).
struct NumberLiteral {
  double value = 0;
  bool isInt = true;
  std::string spelling; // with its sign, as written
  SourceRange range;
};

struct TypeRef {
  SourceRange range;
  Ident name; // int, float, …; empty for enums
  bool isEnum = false;
  std::vector<Ident> enumValues;
  bool nullable = false;
};

struct FieldDecl {
  SourceRange range;
  Ident name;
  TypeRef type;
  bool isKey = false;
  bool isPii = false;
  std::vector<SourceRange> modifierRanges; // for duplicate `key key`
};

enum class DeclKind { Import, Schema, Segment, Partition, Score, Metric };

struct Decl {
  Decl(DeclKind k, SourceRange r) : kind(k), range(r) {}
  virtual ~Decl() = default;
  Decl(const Decl&) = delete;
  Decl& operator=(const Decl&) = delete;

  template <class T> T& as() { return static_cast<T&>(*this); }
  template <class T> const T& as() const { return static_cast<const T&>(*this); }

  const DeclKind kind;
  SourceRange range;
  // The body had syntax errors and was dropped; the checker skips it silently.
  bool incomplete = false;
};

using DeclPtr = std::unique_ptr<Decl>;

struct ImportDecl : Decl {
  explicit ImportDecl(SourceRange r) : Decl(DeclKind::Import, r) {}
  std::string path;
  SourceRange pathRange;
};

// `contact { … }` or `event NAME { … }` inside a schema.
struct SchemaBlock {
  SourceRange range;
  bool isContact = true;
  Ident eventName; // events only
  std::vector<FieldDecl> fields;
};

struct SchemaDecl : Decl {
  explicit SchemaDecl(SourceRange r) : Decl(DeclKind::Schema, r) {}
  std::vector<SchemaBlock> blocks;
};

struct SegmentDecl : Decl {
  explicit SegmentDecl(SourceRange r) : Decl(DeclKind::Segment, r) {}
  Ident name;
  ExprPtr condition;
};

struct PartitionBranch {
  SourceRange range;
  Ident name;
  ExprPtr condition; // null for `else`
  SourceRange elseRange;
};

// `NAME = EXPR` in a cluster: a per-contact number the clustering uses.
struct ClusterFeature {
  SourceRange range;
  Ident name;
  ExprPtr value;
};

// A cluster has 2 to 64 branches: more would be too many audiences to act on.
inline constexpr int kMinClusters = 2;
inline constexpr int kMaxClusters = 64;

// `k 4`, `seed 7` in a cluster.
struct ClusterOption {
  SourceRange range;
  Ident name;
  NumberLiteral value;
};

// What makes a partition a cluster: its branches (c1 … ck, made by the parser from `k`)
// are learned by K-means over the features rather than written as conditions.
struct ClusterSpec {
  std::vector<ClusterOption> options;
  std::vector<ClusterFeature> features;
  std::int64_t k = 0;     // set by the checker
  std::uint64_t seed = 1; // set by the checker
};

struct PartitionDecl : Decl {
  explicit PartitionDecl(SourceRange r) : Decl(DeclKind::Partition, r) {}
  Ident name;
  std::vector<PartitionBranch> branches; // a cluster's have no condition
  EnumType enumType;                     // its branches, filled by the checker
  std::optional<ClusterSpec> cluster;    // `cluster NAME { … }`
};

enum class ScoreItemKind { Decay, Range, PerEvent, IfCondition };

// One line of a score block; which fields are set depends on `kind`.
struct ScoreItem {
  ScoreItemKind kind = ScoreItemKind::IfCondition;
  SourceRange range;
  NumberLiteral points;                     // PerEvent, IfCondition
  Ident event;                              // PerEvent
  ExprPtr where;                            // PerEvent (optional)
  ExprPtr within;                           // PerEvent (optional)
  std::optional<NumberLiteral> cap;         // PerEvent `max`
  ExprPtr condition;                        // IfCondition
  ExprPtr halfLife;                         // Decay
  NumberLiteral low, high;                  // Range
  int eventIndex = -1;                      // set by the checker
  std::optional<std::int64_t> withinMicros; // set by the checker
};

struct ScoreDecl : Decl {
  explicit ScoreDecl(SourceRange r) : Decl(DeclKind::Score, r) {}
  Ident name;
  std::vector<ScoreItem> items;
  std::optional<std::int64_t> halfLifeMicros; // set by the checker
};

struct MetricDecl : Decl {
  explicit MetricDecl(SourceRange r) : Decl(DeclKind::Metric, r) {}
  Ident name;
  ExprPtr value;
  ExprPtr forCondition; // optional
  std::vector<Ident> groupBy;
};

// One parsed file.
struct Module {
  FileId file = 0;
  std::vector<DeclPtr> decls;
};

} // namespace seg
