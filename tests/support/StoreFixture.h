// Stores for tests that run the CRM example on generated data: the example's files and
// contacts made by the real generator, loaded by the real loader.
#pragma once

#include "store/Store.h"

#include <cstdint>
#include <memory>
#include <string>

namespace seg::test {

// examples/crm/<name> in the source tree.
std::string crmFile(const std::string& name);

// Generates `contacts` CRM contacts (and their events) with `seed` into a temporary
// directory and loads them over the example schema into `store`. A failure is fatal to
// the calling test; gtest's ASSERT needs a void function, hence the out parameter.
void loadGeneratedCrm(std::uint64_t contacts, std::uint64_t seed,
                      std::unique_ptr<runtime::Store>& store);

} // namespace seg::test
