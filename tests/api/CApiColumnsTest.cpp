// seg_dataset_from_columns: the caller's arrays bound through the C API, answered as written,
// and bad values or arguments refused with their place.
#include "CApiSupport.h"
#include "TempDir.h"

#include <gtest/gtest.h>
#include <string>

namespace seg::capitest {
namespace {

constexpr const char* kSchema = "schema {\n  contact {\n    id: int key\n    city: string\n"
                                "    plan: enum { free, pro }\n  }\n  event purchase {\n"
                                "    amount: float\n  }\n}\n";

struct Arrays {
  std::int64_t id[4] = {7, 8, 9, 10};
  std::uint32_t city[4] = {0, 1, 0, 0};
  std::uint64_t cityOffsets[3] = {0, 5, 11};
  const char* cityBytes = "ParisLondon";
  std::uint32_t plan[4] = {1, 1, 0, 1};
  std::uint32_t buyer[3] = {3, 0, 3}; // not in contact order: copied, with a note
  std::int64_t at[3] = {1'793'000'000'000'000, 1'792'000'000'000'000, 1'793'100'000'000'000};
  double amount[3] = {10, 20, 30};

  std::vector<seg_column> contacts() const {
    return {{id, nullptr, nullptr, nullptr, 0},
            {city, nullptr, cityOffsets, cityBytes, 2},
            {plan, nullptr, nullptr, nullptr, 0}};
  }
  seg_column amounts() const { return {amount, nullptr, nullptr, nullptr, 0}; }
};

struct Bound {
  test::TempDir dir{"seg-capi-columns"};
  std::string schema = dir.write("schema.seg", kSchema);
};

TEST(CApiColumns, BoundArraysAnswerAsWritten) {
  Bound bound;
  Arrays a;
  std::vector<seg_column> columns = a.contacts();
  seg_column amount = a.amounts();
  seg_event_columns purchases{"purchase", 3, a.buyer, a.at, &amount, 1};
  seg_dataset* raw = nullptr;
  seg_error* rawError = nullptr;
  ASSERT_EQ(seg_dataset_from_columns(bound.schema.c_str(), 4, columns.data(), columns.size(),
                                     &purchases, 1, &raw, &rawError),
            SEG_OK)
      << seg_error_message(rawError);
  DatasetPtr dataset(raw);
  EXPECT_EQ(rawError, nullptr);
  EXPECT_EQ(seg_dataset_contact_count(dataset.get()), 4);
  EXPECT_STREQ(seg_dataset_bind_notes(dataset.get()),
               "events of 'purchase' were not in (contact, at) order: 3 rows copied into that "
               "order\n");

  seg_program* rawProgram = nullptr;
  ASSERT_EQ(seg_program_compile_source_for("segment paris_pro = city == \"Paris\" and plan == pro\n"
                                           "segment big = sum(purchase.amount) >= 40\n",
                                           nullptr, dataset.get(), &rawProgram, &rawError),
            SEG_OK)
      << seg_error_message(rawError);
  ProgramPtr program(rawProgram);
  ResultPtr result = run(program.get(), dataset.get());
  ASSERT_NE(result, nullptr);
  const std::int64_t* keys = nullptr;
  std::size_t n = 0;
  ASSERT_EQ(seg_result_segment_members(result.get(), "paris_pro", &keys, &n), SEG_OK);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(keys[0], 7);
  EXPECT_EQ(keys[1], 10);
  ASSERT_EQ(seg_result_segment_members(result.get(), "big", &keys, &n), SEG_OK);
  ASSERT_EQ(n, 1u);
  EXPECT_EQ(keys[0], 10);
}

TEST(CApiColumns, BadValuesAndArgumentsAreRefused) {
  Bound bound;
  Arrays a;
  a.plan[2] = 5;
  std::vector<seg_column> columns = a.contacts();
  seg_dataset* raw = reinterpret_cast<seg_dataset*>(&a); // must be reset to null
  seg_error* rawError = nullptr;
  EXPECT_EQ(seg_dataset_from_columns(bound.schema.c_str(), 4, columns.data(), columns.size(),
                                     nullptr, 0, &raw, &rawError),
            SEG_ERROR_INVALID_ARGUMENT);
  ErrorPtr error(rawError);
  EXPECT_EQ(raw, nullptr);
  EXPECT_STREQ(seg_error_message(error.get()),
               "contact field 'plan': row 2 holds code 5, but there are only 2 enum values");

  EXPECT_EQ(
      seg_dataset_from_columns(bound.schema.c_str(), 4, nullptr, 3, nullptr, 0, &raw, &rawError),
      SEG_ERROR_INVALID_ARGUMENT);
  error.reset(rawError);
  EXPECT_STREQ(seg_error_message(error.get()), "seg_dataset_from_columns: contact_columns is null");
  EXPECT_EQ(seg_dataset_from_columns(nullptr, 0, nullptr, 0, nullptr, 0, &raw, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      seg_dataset_from_columns(bound.schema.c_str(), 0, nullptr, 0, nullptr, 0, nullptr, nullptr),
      SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      seg_dataset_from_columns("/nonexistent.seg", 0, nullptr, 0, nullptr, 0, &raw, &rawError),
      SEG_ERROR_COMPILE);
  error.reset(rawError);
  EXPECT_STREQ(seg_dataset_bind_notes(nullptr), "");
}

} // namespace
} // namespace seg::capitest
