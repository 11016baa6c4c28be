// Opens `--data` for the commands that stand on the public API: a snapshot, or a folder of
// data files loaded against the given schema.
#pragma once

#include <seg/seg.hpp>
#include <string>

namespace seg::cli {

Expected<Dataset> openDataset(const std::string& data, const Schema& schema);

} // namespace seg::cli
