// The report page's HTML, CSS and JavaScript, with @SEG_TITLE@ and @SEG_DOCUMENT@ where
// the title and the run's JSON document go.
#pragma once

namespace seg::report {

const char* reportPage();

} // namespace seg::report
