// The public C++ API (include/seg/): compiling, opening and loading data, running with
// either engine, reading every kind of result, and errors as values.
#include "ApiFixture.h"
#include "seg/seg.hpp"

#include <bit>
#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

namespace seg::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kNow = "2026-11-01T00:00:00Z";

Program crmProgram() {
  Expected<Program> program = Program::compileFiles(crmProgramFiles());
  EXPECT_TRUE(program.ok()) << program.error().message();
  return std::move(program).value();
}

Dataset crmSnapshot() {
  Expected<Dataset> dataset = Dataset::open(generatedCrm().snapshot);
  EXPECT_TRUE(dataset.ok()) << dataset.error().message();
  return std::move(dataset).value();
}

Result run(const Program& program, const Dataset& dataset, RunOptions options = {}) {
  options.now = kNow;
  Expected<Result> result = program.run(dataset, options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return std::move(result).value();
}

// The JSON document without what differs between engines and runs.
Json comparable(const Result& result) {
  Json doc = Json::parse(result.toJson(false));
  doc.erase("engine");
  doc.erase("threads");
  return doc;
}

TEST(CppApi, CompileErrorsAreValuesWithLocations) {
  CompileOptions options;
  options.importDir = crmPath("");
  options.sourceName = "typed.seg";
  Expected<Program> program =
      Program::compileSource("import \"crm.schema.seg\"\nsegment young = agee < 30\n", options);
  ASSERT_FALSE(program.ok());
  const Error& error = program.error();
  EXPECT_EQ(error.code(), ErrorCode::Compile);
  ASSERT_EQ(error.diagnostics().size(), 1u);
  const Diagnostic& d = error.diagnostics()[0];
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.file, "typed.seg");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 17);
  EXPECT_EQ(d.endColumn, 21);
  EXPECT_EQ(d.message, "unknown name 'agee'");
  ASSERT_EQ(d.hints.size(), 1u);
  EXPECT_EQ(d.hints[0], "did you mean 'age'?");
  EXPECT_EQ(d.rendered, "typed.seg:2:17: error: unknown name 'agee'\n"
                        " 2 | segment young = agee < 30\n"
                        "   |                 ^~~~\n"
                        "   = hint: did you mean 'age'?\n");
  EXPECT_EQ(error.message(), d.rendered + "1 error\n");
}

TEST(CppApi, NonUtf8SourceIsACompileError) {
  CompileOptions options;
  options.importDir = crmPath("");
  Expected<Program> program =
      Program::compileSource("import \"crm.schema.seg\"\nsegment caf\xe9 = age > 3\n", options);
  ASSERT_FALSE(program.ok());
  EXPECT_EQ(program.error().code(), ErrorCode::Compile);
  ASSERT_EQ(program.error().diagnostics().size(), 1u);
  const Diagnostic& d = program.error().diagnostics()[0];
  EXPECT_EQ(d.message, "file is not valid UTF-8 (byte 0xE9)");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 12);
}

TEST(CppApi, StandardLibraryImportsResolve) {
  CompileOptions options;
  options.importDir = crmPath("");
  Expected<Program> program = Program::compileSource(
      "import \"crm.schema.seg\"\nimport \"std/metrics.seg\"\nsegment adults = age >= 18\n",
      options);
  EXPECT_TRUE(program.ok()) << program.error().message();
  options.stdlibDir = "/nonexistent";
  Expected<Program> missing = Program::compileSource(
      "import \"crm.schema.seg\"\nimport \"std/metrics.seg\"\nsegment adults = age >= 18\n",
      options);
  EXPECT_FALSE(missing.ok());
}

TEST(CppApi, SourceWithoutSchemaNeedsOne) {
  Expected<Program> bare = Program::compileSource("segment young = age < 30\n");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code(), ErrorCode::Compile);

  Dataset dataset = crmSnapshot();
  CompileOptions options;
  options.schema = dataset.schema();
  Expected<Program> program = Program::compileSource("segment young = age < 30\n", options);
  ASSERT_TRUE(program.ok()) << program.error().message();
  Result result = run(*program, dataset);
  Result reference = run(crmProgram(), dataset);
  EXPECT_EQ(result.segment("young")->count(), reference.segment("under_30")->count());
}

TEST(CppApi, ResultsAgreeWithTheJsonDocumentAndEachOther) {
  Dataset dataset = crmSnapshot();
  Result result = run(crmProgram(), dataset);
  Json doc = Json::parse(result.toJson());
  EXPECT_EQ(result.contacts(), dataset.contactCount());
  EXPECT_EQ(doc["contacts"], dataset.contactCount());
  ASSERT_FALSE(result.segmentNames().empty());
  for (const std::string& name : result.segmentNames()) {
    Expected<Members> members = result.segment(name);
    ASSERT_TRUE(members.ok());
    EXPECT_EQ(members->count(), doc["segments"][name]["members"].get<std::uint64_t>()) << name;
    std::uint64_t bits = 0;
    for (std::uint64_t word : members->bitmap())
      bits += static_cast<std::uint64_t>(std::popcount(word));
    EXPECT_EQ(bits, members->count());
    std::span<const std::uint32_t> rows = members->rows();
    ASSERT_EQ(rows.size(), members->count());
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
    Expected<std::span<const std::int64_t>> keys = members->intKeys();
    ASSERT_TRUE(keys.ok());
    std::vector<std::string> text = members->keys();
    ASSERT_EQ(keys->size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_TRUE(members->contains(rows[i]));
      EXPECT_EQ(text[i], std::to_string((*keys)[i]));
    }
  }
  for (const std::string& name : result.partitionNames()) {
    Expected<Partition> partition = result.partition(name);
    ASSERT_TRUE(partition.ok());
    std::uint64_t total = partition->unassigned;
    for (const Members& branch : partition->branches) {
      std::string branchName = branch.name().substr(name.size() + 1);
      EXPECT_EQ(branch.count(),
                doc["partitions"][name]["branches"][branchName]["members"].get<std::uint64_t>());
      total += branch.count();
    }
    EXPECT_EQ(total, result.contacts()) << name;
  }
  ASSERT_FALSE(result.scoreNames().empty());
  for (const std::string& name : result.scoreNames()) {
    Expected<Score> score = result.score(name);
    ASSERT_TRUE(score.ok());
    EXPECT_EQ(score->values().size(), result.contacts());
    Distribution d = score->distribution();
    EXPECT_EQ(d.count + d.nulls, result.contacts());
    EXPECT_DOUBLE_EQ(d.mean, doc["scores"][name]["mean"].get<double>());
    std::vector<double> values = score->valuesWithNaN();
    EXPECT_DOUBLE_EQ(*std::max_element(values.begin(), values.end()), d.max);
  }
  ASSERT_FALSE(result.metricNames().empty());
  for (const std::string& name : result.metricNames()) {
    Expected<Metric> metric = result.metric(name);
    ASSERT_TRUE(metric.ok());
    const Json& m = doc["metrics"][name];
    if (metric->groupBy.empty()) {
      ASSERT_EQ(metric->rows.size(), 1u);
      if (metric->rows[0].value) {
        EXPECT_DOUBLE_EQ(*metric->rows[0].value, m["value"].get<double>());
      }
    } else {
      EXPECT_EQ(metric->rows.size(), m["rows"].size()) << name;
    }
  }
  EXPECT_EQ(result.findings().size(), doc["warnings"].size());
}

TEST(CppApi, EnginesAndDataSourcesAgree) {
  Program program = crmProgram();
  Dataset snapshot = crmSnapshot();
  Expected<Dataset> folder = Dataset::load(crmPath("crm.schema.seg"), generatedCrm().folder);
  ASSERT_TRUE(folder.ok()) << folder.error().message();
  EXPECT_FALSE(folder->fromSnapshot());
  EXPECT_NE(folder->loadReport().find("contacts"), std::string::npos) << folder->loadReport();
  RunOptions interp;
  interp.engine = Engine::Interpreter;
  Result jit = run(program, snapshot);
  EXPECT_EQ(jit.engine(), "jit") << jit.engineNote();
  Result reference = run(program, *folder, interp);
  EXPECT_EQ(reference.engine(), "interp");
  EXPECT_EQ(comparable(jit), comparable(reference));
}

// One compiled program run from 8 threads at once on two datasets gives the same answer as
// a run alone.
TEST(CppApi, OneProgramRunsFromEightThreadsAtOnce) {
  const Program program = crmProgram();
  Dataset snapshot = crmSnapshot();
  Expected<Dataset> folder = Dataset::load(crmPath("crm.schema.seg"), generatedCrm().folder);
  ASSERT_TRUE(folder.ok());
  RunOptions oneThread;
  oneThread.threads = 1;
  const Json expected = comparable(run(program, snapshot, oneThread));
  std::vector<Json> answers(8 * 3);
  std::vector<std::string> engines(answers.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = 0; i < 3; ++i) {
          RunOptions options;
          options.now = kNow;
          options.threads = static_cast<unsigned>(1 + (t + i) % 3);
          options.engine = t % 4 == 3 ? Engine::Interpreter : Engine::Jit;
          Expected<Result> result = program.run(t % 2 == 0 ? snapshot : *folder, options);
          if (!result.ok()) continue;
          answers[t * 3 + i] = comparable(*result);
          engines[t * 3 + i] = result->engine();
        }
      });
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i], expected) << "run " << i;
    EXPECT_EQ(engines[i], (i / 3) % 4 == 3 ? "interp" : "jit") << "run " << i;
  }
}

// Engine::Auto: the first run is interpreted while the code is compiled beside it; once
// the code is ready runs use it; every answer is the same.
TEST(CppApi, AutoEngineInterpretsUntilTheCodeIsReady) {
  CompileOptions noDiskCache;
  noDiskCache.codeCacheDirectory = "";
  for (std::vector<std::string> selection :
       {std::vector<std::string>{}, std::vector<std::string>{"dach", "champions"}}) {
    Expected<Program> program = Program::compileFiles(crmProgramFiles(), noDiskCache);
    ASSERT_TRUE(program.ok());
    Dataset dataset = crmSnapshot();
    RunOptions options;
    options.engine = Engine::Auto;
    options.definitions = selection;
    Result first = run(*program, dataset, options);
    EXPECT_EQ(first.engine(), "interp");
    EXPECT_EQ(first.engineNote(), "");
    const Json expected = comparable(first);
    std::string engine = first.engine();
    // Bounded: the JIT's own deadline is 10 s.
    for (int attempt = 0; attempt < 600 && engine != "jit"; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      Result later = run(*program, dataset, options);
      EXPECT_EQ(comparable(later), expected);
      engine = later.engine();
    }
    EXPECT_EQ(engine, "jit");
  }
  // A program dropped while its code is still being compiled waits for it, and nothing leaks.
  Expected<Program> dropped = Program::compileFiles(crmProgramFiles(), noDiskCache);
  ASSERT_TRUE(dropped.ok());
  RunOptions options;
  options.engine = Engine::Auto;
  EXPECT_EQ(run(*dropped, crmSnapshot(), options).engine(), "interp");
}

TEST(CppApi, SelectedDefinitionsOnly) {
  Program program = crmProgram();
  Dataset dataset = crmSnapshot();
  RunOptions options;
  options.definitions = {"dach", "lifecycle"};
  Result result = run(program, dataset, options);
  EXPECT_EQ(result.segmentNames(), std::vector<std::string>{"dach"});
  EXPECT_EQ(result.partitionNames(), std::vector<std::string>{"lifecycle"});
  EXPECT_TRUE(result.scoreNames().empty());
  Result all = run(program, dataset);
  EXPECT_EQ(result.segment("dach")->count(), all.segment("dach")->count());

  options.definitions = {"dachh"};
  Expected<Result> typo = program.run(dataset, options);
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().code(), ErrorCode::NotFound);
  EXPECT_EQ(typo.error().message(),
            "the program has no segment, partition or metric named 'dachh'; did you mean 'dach'?");
}

// A cluster definition: sizes and centroids agree with the JSON document and the branches'
// members; the same on one thread and on four.
TEST(CppApi, ClustersAgreeWithTheDocumentAndTheBranches) {
  Expected<Program> program =
      Program::compileFiles({SEG_SOURCE_DIR "/examples/clusters/personas.seg"});
  ASSERT_TRUE(program.ok()) << program.error().message();
  Dataset dataset = crmSnapshot();
  RunOptions options;
  options.threads = 1;
  Result result = run(*program, dataset, options);
  EXPECT_EQ(result.clusterNames(), std::vector<std::string>{"personas"});
  Expected<Cluster> cluster = result.cluster("personas");
  ASSERT_TRUE(cluster.ok());
  EXPECT_EQ(cluster->features,
            (std::vector<std::string>{"spend", "orders", "visits", "days_away"}));
  EXPECT_EQ(cluster->branches, (std::vector<std::string>{"c1", "c2", "c3", "c4"}));
  EXPECT_EQ(cluster->seed, 42u);
  Json doc = Json::parse(result.toJson(false));
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < cluster->branches.size(); ++i) {
    const std::string& b = cluster->branches[i];
    EXPECT_EQ(cluster->sizes[i], doc["clusters"]["personas"]["clusters"][b]["members"]);
    EXPECT_EQ(cluster->sizes[i], result.segment("personas." + b)->count());
    EXPECT_EQ(cluster->centroids[i][0],
              doc["clusters"]["personas"]["clusters"][b]["centroid"]["spend"].get<double>());
    total += cluster->sizes[i];
  }
  EXPECT_EQ(total, cluster->clustered);
  EXPECT_EQ(result.cluster("persona").error().code(), ErrorCode::NotFound);
  options.threads = 4;
  Result parallel = run(*program, dataset, options);
  EXPECT_EQ(parallel.cluster("personas")->centroids, cluster->centroids);
  EXPECT_EQ(parallel.cluster("personas")->inertia, cluster->inertia);
}

// A metric can be selected alone: it has its whole-program rows, and only what it reads
// (a partition for `by`, a segment for `percent`) is evaluated, not reported.
TEST(CppApi, SelectedMetricsHaveTheirWholeProgramRows) {
  Program program = crmProgram();
  Dataset dataset = crmSnapshot();
  Result all = run(program, dataset);
  for (const char* name : {"contacts_by_lifecycle", "hot_lead_share_by_country", "nps"}) {
    RunOptions options;
    options.definitions = {name};
    Result one = run(program, dataset, options);
    EXPECT_EQ(one.metricNames(), std::vector<std::string>{name});
    EXPECT_TRUE(one.segmentNames().empty()) << name;
    Expected<Metric> selected = one.metric(name);
    Expected<Metric> whole = all.metric(name);
    ASSERT_TRUE(selected.ok() && whole.ok());
    ASSERT_EQ(selected->rows.size(), whole->rows.size()) << name;
    for (std::size_t r = 0; r < whole->rows.size(); ++r) {
      EXPECT_EQ(selected->rows[r].group, whole->rows[r].group) << name;
      EXPECT_EQ(selected->rows[r].value, whole->rows[r].value) << name;
    }
  }
  RunOptions score;
  score.definitions = {"lead_score"};
  Expected<Result> refused = program.run(dataset, score);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message(),
            "definitions: 'lead_score' is a score; a selection names segments, partitions and "
            "metrics");
}

TEST(CppApi, ExplainsOneDefinitionWithWhatItReads) {
  Program program = crmProgram();
  std::string whole = program.explain();
  std::string one = program.explain({"dach"});
  EXPECT_NE(one.find("segment dach ="), std::string::npos) << one;
  EXPECT_EQ(one.find("segment vip ="), std::string::npos) << one;
  EXPECT_LT(one.size(), whole.size());
  EXPECT_EQ(program.explain({}), whole);
}

TEST(CppApi, OverlapsAreSymmetricWithSizesOnTheDiagonal) {
  Result result = run(crmProgram(), crmSnapshot());
  Expected<OverlapMatrix> m = overlapOf(result, {"vip", "high_spenders", "dach"});
  ASSERT_TRUE(m.ok()) << m.error().message();
  ASSERT_EQ(m->segments.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(m->both(i, i), result.segment(m->segments[i])->count());
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(m->both(i, j), m->both(j, i));
      std::uint64_t counted = 0;
      for (std::uint32_t row : result.segment(m->segments[i])->rows())
        counted += result.segment(m->segments[j])->contains(row) ? 1 : 0;
      EXPECT_EQ(m->both(i, j), counted) << i << "," << j;
    }
  }
  EXPECT_EQ(m->jaccard(0, 0), m->sizes[0] > 0 ? 1.0 : 0.0);
  Expected<OverlapMatrix> all = overlapOf(result);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->segments, result.segmentNames());
  Expected<OverlapMatrix> unknown = overlapOf(result, {"vip", "dachh"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), ErrorCode::NotFound);
  Expected<OverlapMatrix> branch = overlapOf(result, {"vip", "lifecycle.churned"});
  ASSERT_FALSE(branch.ok());
  EXPECT_EQ(branch.error().message(),
            "'lifecycle.churned' is a partition branch; overlaps are of segments");
}

// RunOptions::minSegmentSize moves the too-small bound of the findings.
TEST(CppApi, MinSegmentSizeSetsTheTooSmallBound) {
  Program program = crmProgram();
  Dataset dataset = crmSnapshot();
  Result result = run(program, dataset);
  std::uint64_t bound = result.segment("dach")->count() + 1;
  RunOptions options;
  options.minSegmentSize = bound;
  Result strict = run(program, dataset, options);
  auto tooSmall = [](const Result& r, const std::string& name) {
    for (const Finding& f : r.findings())
      if (f.kind == "too_small" && f.segment == name) return true;
    return false;
  };
  EXPECT_FALSE(tooSmall(result, "dach"));
  EXPECT_TRUE(tooSmall(strict, "dach"));
  for (const Finding& f : strict.findings())
    if (f.kind == "too_small") {
      EXPECT_LT(strict.segment(f.segment)->count(), bound) << f.segment;
      EXPECT_NE(f.message.find("too small to act on (fewer than "), std::string::npos) << f.message;
    }
}

TEST(CppApi, LookupsAndBadArgumentsAreErrors) {
  Result result = run(crmProgram(), crmSnapshot());
  Expected<Members> missing = result.segment("dachh");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
  EXPECT_EQ(missing.error().message(),
            "the program has no segment named 'dachh'; did you mean 'dach'?");
  EXPECT_EQ(result.score("nope").error().code(), ErrorCode::NotFound);
  EXPECT_EQ(result.metric("nope").error().code(), ErrorCode::NotFound);
  EXPECT_EQ(result.partition("nope").error().code(), ErrorCode::NotFound);

  RunOptions badNow;
  badNow.now = "yesterday";
  Expected<Result> late = crmProgram().run(crmSnapshot(), badNow);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), ErrorCode::InvalidArgument);
  EXPECT_NE(late.error().message().find("now: value 'yesterday'"), std::string::npos);

  Expected<Dataset> none = Dataset::open("/nonexistent/crm.segdb");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code(), ErrorCode::Data);
  Expected<Dataset> folder = Dataset::open(generatedCrm().folder);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error().code(), ErrorCode::InvalidArgument);
  EXPECT_EQ(Program::compileFiles({}).error().code(), ErrorCode::InvalidArgument);
}

TEST(CppApi, AStopRequestCancelsTheRun) {
  std::stop_source stop;
  stop.request_stop();
  RunOptions options;
  options.now = kNow;
  options.stop = stop.get_token();
  Expected<Result> result = crmProgram().run(crmSnapshot(), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::Cancelled);
  EXPECT_EQ(result.error().message(), "the run was cancelled");
}

TEST(CppApi, ProgramOfAnotherSchemaIsRefused) {
  Expected<Program> other = Program::compileSource(
      "schema { contact { id: int key\n age: int } }\nsegment adults = age >= 18\n");
  ASSERT_TRUE(other.ok()) << other.error().message();
  Expected<Result> result = other->run(crmSnapshot());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::SchemaMismatch);
  EXPECT_NE(result.error().message().find("differs from the program's"), std::string::npos)
      << result.error().message();
}

TEST(CppApi, SchemaIntrospectionAndSource) {
  Dataset dataset = crmSnapshot();
  const Schema& schema = dataset.schema();
  EXPECT_EQ(schema.keyField().name, "id");
  ASSERT_NE(schema.field("plan"), nullptr);
  EXPECT_EQ(schema.field("plan")->type, FieldType::Enum);
  EXPECT_EQ(schema.field("plan")->enumValues.size(), 4u);
  EXPECT_TRUE(schema.field("email")->pii);
  EXPECT_TRUE(schema.field("age")->nullable);
  ASSERT_NE(schema.event("purchase"), nullptr);
  EXPECT_EQ(schema.event("purchase")->properties.at(0).name, "amount");
  EXPECT_EQ(schema.field("nope"), nullptr);
  Expected<Schema> again = Schema::compileSource(schema.toSource());
  ASSERT_TRUE(again.ok()) << again.error().message() << schema.toSource();
  EXPECT_TRUE(*again == schema);
  EXPECT_EQ(again->fingerprint(), schema.fingerprint());
  EXPECT_TRUE(crmProgram().schema() == schema);
  EXPECT_STREQ(version(), SEG_VERSION_STRING);
}

TEST(CppApi, FieldTextOfAContactMasksPersonalData) {
  Dataset dataset = crmSnapshot();
  Result result = run(crmProgram(), dataset);
  std::uint32_t row = result.segment("vip")->rows()[0];
  Expected<std::optional<std::string>> id = dataset.fieldText("id", row);
  ASSERT_TRUE(id.ok() && id->has_value());
  EXPECT_EQ(**id, std::to_string((*result.segment("vip")->intKeys())[0]));
  Expected<std::optional<std::string>> email = dataset.fieldText("email", row);
  Expected<std::optional<std::string>> clear = dataset.fieldText("email", row, true);
  ASSERT_TRUE(email.ok() && email->has_value() && clear->has_value());
  EXPECT_NE(**email, **clear);
  EXPECT_NE((*email)->find("***"), std::string::npos);
  EXPECT_EQ((*email)->front(), (*clear)->front());
  Expected<std::optional<std::string>> plan = dataset.fieldText("plan", row);
  EXPECT_TRUE(**plan == "free" || **plan == "trial" || **plan == "pro" || **plan == "enterprise");
  EXPECT_EQ(dataset.fieldText("emial", row).error().message(),
            "the schema has no contact field named 'emial'; did you mean 'email'?");
  EXPECT_EQ(dataset.fieldText("id", dataset.contactCount()).error().code(),
            ErrorCode::InvalidArgument);
}

TEST(CppApi, DefinitionsAndPlan) {
  Program program = crmProgram();
  const std::vector<Definition>& definitions = program.definitions();
  auto dach = std::find_if(definitions.begin(), definitions.end(),
                           [](const Definition& d) { return d.name == "dach"; });
  ASSERT_NE(dach, definitions.end());
  EXPECT_EQ(dach->kind, DefinitionKind::Segment);
  EXPECT_NE(dach->file.find("segments.seg"), std::string::npos);
  EXPECT_GT(dach->line, 0);
  EXPECT_TRUE(std::any_of(definitions.begin(), definitions.end(),
                          [](const Definition& d) { return d.kind == DefinitionKind::Metric; }));
  EXPECT_NE(program.explain().find("dach"), std::string::npos);
}

} // namespace
} // namespace seg::test
