// Data for the public API's tests: the CRM example generated into a temporary folder and
// written as a snapshot, once per test process.
#pragma once

#include <string>
#include <vector>

namespace seg::test {

struct CrmData {
  std::string folder;   // contacts.csv and event files
  std::string snapshot; // the same data as a .segdb
};

// Generated once (`contacts` contacts, seed 7) and removed at exit.
const CrmData& generatedCrm();

// examples/crm/<name> in the source tree.
std::string crmPath(const std::string& name);
std::vector<std::string> crmProgramFiles();

} // namespace seg::test
