#include "ApiFixture.h"

#include "TempDir.h"
#include "TestCompile.h"
#include "load/DataLoader.h"
#include "sampledata/CrmGenerator.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/SnapshotWriter.h"
#include "store/StoreSchema.h"

#include <gtest/gtest.h>
#include <memory>

namespace seg::test {
namespace {

constexpr std::uint64_t kContacts = 3000;

struct Generated {
  TempDir dir{"seg-api-crm"};
  CrmData data;

  Generated() {
    data.folder = (dir.path() / "data").string();
    data.snapshot = (dir.path() / "crm.segdb").string();
    runtime::GenOptions gen;
    gen.contacts = kContacts;
    gen.seed = 7;
    gen.outDir = data.folder;
    runtime::GenSummary summary;
    if (auto error = runtime::generateCrm(gen, summary)) throw std::runtime_error(*error);
    Compilation schema = compileText(crmSchema());
    runtime::StoreSchema storeSchema = storeSchemaOf(schema.program->schema);
    runtime::LoadOptions options;
    if (auto error = runtime::findDataFiles(data.folder, storeSchema, options))
      throw std::runtime_error(*error);
    runtime::LoadResult loaded = runtime::loadData(storeSchema, options);
    if (!loaded.store) throw std::runtime_error(loaded.report.render());
    if (auto error = runtime::writeSnapshot(*loaded.store, data.snapshot))
      throw std::runtime_error(*error);
  }
};

} // namespace

const CrmData& generatedCrm() {
  static const Generated generated; // made once, removed at exit
  return generated.data;
}

std::string crmPath(const std::string& name) {
  return sourceDir() + "/examples/crm/" + name;
}

std::vector<std::string> crmProgramFiles() {
  return {crmPath("crm.schema.seg"), crmPath("segments.seg"), crmPath("scores.seg"),
          crmPath("metrics.seg")};
}

} // namespace seg::test
