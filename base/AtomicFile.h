// Writing a file so that readers see the old content or the new, never a half-written one:
// the text goes to a temporary file beside it, which is then renamed over it.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace seg::base {

// `write` fills the file; false (with the reason in `error`) when it cannot be written, in
// which case the target is untouched and no temporary file is left behind.
bool writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                         std::string& error);

// The same for bytes at hand, made durable before it returns: the temporary file is synced
// before the rename and the folder after it, so a crash leaves the old file or the new one.
bool writeFileDurably(const std::string& path, std::string_view bytes, std::string& error);

// Syncs the folder that holds `path`, so a rename or a new file in it survives a crash.
bool syncParentFolder(const std::string& path, std::string& error);

} // namespace seg::base
