#include "ApiData.h"

#include <filesystem>

namespace seg::cli {

Expected<Dataset> openDataset(const std::string& data, const Schema& schema) {
  std::error_code ec;
  if (std::filesystem::is_directory(data, ec)) return Dataset::load(schema, data);
  return Dataset::open(data);
}

} // namespace seg::cli
