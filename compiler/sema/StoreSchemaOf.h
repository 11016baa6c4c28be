// The checked schema as plain data (plan::StoreSchema): what the runtime stores data by and
// the plan printer names fields by, made on the compiler's side so the runtime needs no
// front-end type.
#pragma once

#include "plan/StoreSchema.h"
#include "sema/CheckedSchema.h"

namespace seg {

plan::StoreSchema storeSchemaOf(const CheckedSchema& schema);

} // namespace seg
