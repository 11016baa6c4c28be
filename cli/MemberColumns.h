// The columns of `seg run --members` files, for every engine: the key, then --member-fields
// (checked against the schema), and the note on which of them are masked personal data.
#pragma once

#include "Commands.h"
#include "store/StoreSchema.h"

#include <optional>
#include <vector>

namespace seg::cli {

// The key's index, then each --member-fields field's, in the order given; nullopt (after a
// message with a suggestion) for a name that is not a contact field.
std::optional<std::vector<std::size_t>> memberColumns(const RunOptions& options,
                                                      const runtime::StoreSchema& schema);
// Says once which personal data the member files hold masked.
void notePiiMasking(const runtime::StoreSchema& schema, const std::vector<std::size_t>& fields);

} // namespace seg::cli
