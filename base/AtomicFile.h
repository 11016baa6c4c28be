// Writing a file so that readers see the old content or the new, never a half-written one:
// the text goes to a temporary file beside it, which is then renamed over it.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace seg::base {

// `write` fills the file; false (with the reason in `error`) when it cannot be written, in
// which case the target is untouched and no temporary file is left behind.
bool writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                         std::string& error);

} // namespace seg::base
