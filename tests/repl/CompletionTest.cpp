// `seg repl`'s tab completion and line continuation, on the CRM example's schema.
#include "repl/Completion.h"

#include "repl/LineInput.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace seg::cli::repl {
namespace {

using Names = std::vector<std::string>;

class CompletionTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    Expected<Schema> schema =
        Schema::compileFiles({std::string(SEG_SOURCE_DIR) + "/examples/crm/crm.schema.seg"});
    ASSERT_TRUE(schema) << schema.error().message();
    context_ = new CompletionContext{*schema,
                                     {"big_spenders", "bigger", "lapsed"},
                                     {":help", ":list", ":load", ":save", ":show", ":schema"}};
  }
  static void TearDownTestSuite() {
    delete context_;
    context_ = nullptr;
  }
  static Names complete(const std::string& line) { return completionsFor(line, *context_); }

  static CompletionContext* context_; // NOLINT: one schema for the suite, read only
};

CompletionContext* CompletionTest::context_ = nullptr;

TEST_F(CompletionTest, FieldsEventsKeywordsFunctionsAndDefinitions) {
  EXPECT_EQ(complete("ag"), (Names{"age"}));
  EXPECT_EQ(complete("plan == pro and la"), (Names{"lapsed", "last", "last_seen_at"}));
  EXPECT_EQ(complete("big"), (Names{"big_spenders", "bigger"}));
  EXPECT_EQ(complete("email_"), (Names{"email_click", "email_open", "email_opt_in"}));
  EXPECT_EQ(complete("count(pur"), (Names{"purchase"}));
  EXPECT_EQ(complete("segment x = wit"), (Names{"within"}));
  EXPECT_EQ(complete("days_s"), (Names{"days_since"}));
}

TEST_F(CompletionTest, PropertiesAfterTheEventsDot) {
  EXPECT_EQ(complete("sum(purchase.am"), (Names{"purchase.amount"}));
  EXPECT_EQ(complete("sum(purchase."), (Names{"purchase.amount", "purchase.at"}));
  EXPECT_EQ(complete("exists(page_view where page_view.u"), (Names{"page_view.url"}));
  EXPECT_TRUE(complete("nosuchevent.a").empty());
  EXPECT_TRUE(complete("purchase.zz").empty());
}

TEST_F(CompletionTest, EnumValuesAfterAComparisonOrInAList) {
  EXPECT_EQ(complete("plan == "), (Names{"enterprise", "free", "pro", "trial"}));
  EXPECT_EQ(complete("plan == fr"), (Names{"free"}));
  EXPECT_EQ(complete("plan==t"), (Names{"trial"}));
  EXPECT_EQ(complete("plan == \"fr"), (Names{"free"})); // the quote is dropped: a name
  EXPECT_EQ(complete("device != m"), (Names{"mobile"}));
  EXPECT_EQ(complete("gender in [female, m"), (Names{"male"}));
  EXPECT_EQ(complete("gender in [o"), (Names{"other"}));
  EXPECT_EQ(complete("purchase.amount > 3 and plan == e"), (Names{"enterprise"}));
  // Not an enum: no values, and a string is not completed as a name.
  EXPECT_TRUE(complete("country == \"D").empty());
}

TEST_F(CompletionTest, CommandsAndTheirArguments) {
  EXPECT_EQ(complete(":s"), (Names{":save", ":schema", ":show"}));
  EXPECT_EQ(complete(":show bi"), (Names{"big_spenders", "bigger"}));
  EXPECT_EQ(complete(":members la"), (Names{"lapsed"}));
  EXPECT_EQ(complete(":format j"), (Names{"json"}));
  EXPECT_EQ(complete(":pii o"), (Names{"off", "on"}));
  EXPECT_TRUE(complete(":show big_spenders x").empty());
}

TEST_F(CompletionTest, FileNamesAreLeftToTheLineEditor) {
  EXPECT_TRUE(completesFileName(":load ex"));
  EXPECT_TRUE(completesFileName(":save out/"));
  EXPECT_TRUE(completesFileName(":export big_spenders /tmp/b"));
  EXPECT_FALSE(completesFileName(":export big"));
  EXPECT_FALSE(completesFileName("age > 3"));
}

TEST(FileCompletion, FilesAndFoldersUnderThePathTyped) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("seg-completion-" + std::to_string(::getpid()));
  fs::create_directories(root / "segments");
  for (const char* name :
       {"segments/vip.seg", "segments/vip-old.seg", "segments/.hidden.seg", "schema.seg"})
    std::ofstream(root / name) << "\n";
  std::string r = root.string();
  EXPECT_EQ(fileCompletions(r + "/s"), (Names{r + "/schema.seg", r + "/segments/"}));
  EXPECT_EQ(fileCompletions(r + "/segments/v"),
            (Names{r + "/segments/vip-old.seg", r + "/segments/vip.seg"}));
  EXPECT_EQ(fileCompletions(r + "/segments/.h"), (Names{r + "/segments/.hidden.seg"}));
  EXPECT_TRUE(fileCompletions(r + "/nothing/").empty());
  fs::remove_all(root);
}

TEST_F(CompletionTest, TheWordStartsAfterTheLanguagesPunctuation) {
  EXPECT_EQ(wordStart("count(purchase.am"), 6U);
  EXPECT_EQ(wordStart("plan == \"fr"), 8U);
  EXPECT_EQ(wordStart(":sh"), 0U);
  EXPECT_EQ(wordStart("age >"), 5U);
}

TEST(LineContinuation, OpenBracketsTrailingOperatorsAndWordsContinue) {
  EXPECT_TRUE(continues("count(purchase"));
  EXPECT_TRUE(continues("plan in [\"pro\","));
  EXPECT_TRUE(continues("age > 30 and"));
  EXPECT_TRUE(continues("age > 30 or   "));
  EXPECT_TRUE(continues("segment vip ="));
  EXPECT_TRUE(continues("lifetime_value +"));
  EXPECT_TRUE(continues("not"));
  EXPECT_FALSE(continues("age > 30"));
  EXPECT_FALSE(continues("plan == \"pro\""));
  EXPECT_FALSE(continues("count(purchase) > 2"));
  EXPECT_FALSE(continues("city == \"(\""));        // a bracket inside a string
  EXPECT_FALSE(continues("age > 3 // and"));       // inside a comment
  EXPECT_FALSE(continues("brand == \"android\"")); // "and" inside a word of a string
  EXPECT_FALSE(continues("band"));                 // ... or of a name
  EXPECT_FALSE(continues(""));
}

} // namespace
} // namespace seg::cli::repl
