// Generated CRM stores for the executor and JIT suites.
#include "StoreFixture.h"

#include "TempDir.h"
#include "TestCompile.h"
#include "load/DataLoader.h"
#include "sampledata/CrmGenerator.h"
#include "sema/StoreSchemaOf.h"
#include "store/StoreSchema.h"

#include <gtest/gtest.h>

namespace seg::test {

std::string crmFile(const std::string& name) {
  return sourceDir() + "/examples/crm/" + name;
}

void loadGeneratedCrm(std::uint64_t contacts, std::uint64_t seed,
                      std::unique_ptr<runtime::Store>& store) {
  TempDir dir("seg-crm-store");
  runtime::GenOptions gen;
  gen.contacts = contacts;
  gen.seed = seed;
  gen.outDir = dir.path().string();
  runtime::GenSummary summary;
  ASSERT_FALSE(runtime::generateCrm(gen, summary).has_value());
  Compilation schema = compileText(crmSchema());
  ASSERT_TRUE(schema.ok());
  runtime::StoreSchema storeSchema = storeSchemaOf(schema.program->schema);
  runtime::LoadOptions options;
  ASSERT_FALSE(runtime::findDataFiles(dir.path().string(), storeSchema, options).has_value());
  runtime::LoadResult loaded = runtime::loadData(storeSchema, options);
  ASSERT_TRUE(loaded.store) << loaded.report.render();
  store = std::make_unique<runtime::Store>(std::move(*loaded.store));
}

} // namespace seg::test
