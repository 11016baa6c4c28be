// The Seg C++ API in one include: compile `.seg` programs, open or bind data, run, read
// results. docs/embedding.md describes it.
#pragma once

#include "seg/Dataset.h"
#include "seg/Error.h"
#include "seg/Language.h"
#include "seg/Live.h"
#include "seg/Overlap.h"
#include "seg/Program.h"
#include "seg/Result.h"
#include "seg/Schema.h"
#include "seg/Version.h"
