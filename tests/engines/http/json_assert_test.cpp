// The JSON assertion language: paths, every operator on a real document, and the syntax
// errors (with their columns) a shipcheck.yaml typo produces.
#include "engines/http/json_assert.h"

#include <gtest/gtest.h>

namespace shipcheck::http {
namespace {

const nlohmann::json k_doc = nlohmann::json::parse(R"({
  "status": "healthy",
  "database": true,
  "count": 3,
  "ratio": 0.25,
  "items": [{"id": 7, "title": "first"}, {"id": 9, "title": "last"}],
  "tags": ["beta", "eu"],
  "user": {"e-mail": "ada@example.com", "name": "Ada"},
  "nothing": null,
  "token": "eyJhbGciOiJIUzI1NiJ9Q2xhaW1zQXJlSGVyZVNpZ25lZA"
})");

Outcome eval(const std::string& text) {
  const auto assertion = parse_assertion(text);
  EXPECT_TRUE(assertion.has_value()) << text << ": " << assertion.error().message;
  return assertion ? evaluate(*assertion, k_doc) : Outcome{};
}

bool holds(const std::string& text) {
  return eval(text).holds;
}

SyntaxError error_of(const std::string& text) {
  const auto assertion = parse_assertion(text);
  EXPECT_FALSE(assertion.has_value()) << text;
  return assertion ? SyntaxError{} : assertion.error();
}

TEST(JsonPath, ResolvesKeysIndexesQuotedKeysAndTheLastItem) {
  auto value = [](const std::string& text) {
    const auto path = parse_json_path(text);
    EXPECT_TRUE(path.has_value()) << text;
    const nlohmann::json* found = path ? resolve(*path, k_doc) : nullptr;
    return found != nullptr ? found->dump() : std::string("absent");
  };
  EXPECT_EQ(value("$"), k_doc.dump());
  EXPECT_EQ(value("$.status"), "\"healthy\"");
  EXPECT_EQ(value("$.items[1].id"), "9");
  EXPECT_EQ(value("$.items[-1].title"), "\"last\"");
  EXPECT_EQ(value("$.user[\"e-mail\"]"), "\"ada@example.com\"");
  EXPECT_EQ(value("$['user'].name"), "\"Ada\"");
  EXPECT_EQ(value("$.items[2]"), "absent");
  EXPECT_EQ(value("$.items[-3]"), "absent");
  EXPECT_EQ(value("$.status.inner"), "absent");
  EXPECT_EQ(value("$.tags.beta"), "absent");
}

TEST(JsonPath, RejectsMalformedPathsWithTheirColumn) {
  auto column = [](const std::string& text) {
    const auto path = parse_json_path(text);
    EXPECT_FALSE(path.has_value()) << text;
    return path ? std::size_t{999} : path.error().column;
  };
  EXPECT_EQ(column("status"), 0U);
  EXPECT_EQ(column("$."), 2U);
  EXPECT_EQ(column("$.items[x]"), 8U);
  EXPECT_EQ(column("$.items[0"), 9U);
  EXPECT_EQ(column("$[\"open"), 2U);
  EXPECT_EQ(column("$.a b"), 3U);
}

TEST(JsonAssert, EqualityOnEveryKindOfValue) {
  EXPECT_TRUE(holds("$.status == \"healthy\""));
  EXPECT_FALSE(holds("$.status == \"degraded\""));
  EXPECT_TRUE(holds("$.database == true"));
  EXPECT_TRUE(holds("$.count == 3"));
  EXPECT_TRUE(holds("$.count == 3.0"));
  EXPECT_TRUE(holds("$.nothing == null"));
  EXPECT_TRUE(holds("$.tags == [\"beta\", \"eu\"]"));
  EXPECT_TRUE(holds("$.status != \"degraded\""));
  EXPECT_TRUE(holds("$.status==\"healthy\""));
}

TEST(JsonAssert, OrderingComparesNumbersOnly) {
  EXPECT_TRUE(holds("$.count > 2"));
  EXPECT_TRUE(holds("$.count >= 3"));
  EXPECT_FALSE(holds("$.count < 3"));
  EXPECT_TRUE(holds("$.ratio <= 0.25"));
  const Outcome text = eval("$.status > 1");
  EXPECT_FALSE(text.holds);
  EXPECT_EQ(text.found, "\"healthy\" (not a number)");
}

TEST(JsonAssert, ExistsContainsMatchesAndLength) {
  EXPECT_TRUE(holds("$.items[0].id exists"));
  EXPECT_FALSE(holds("$.items[5].id exists"));
  EXPECT_TRUE(holds("$.secret not exists"));
  EXPECT_TRUE(holds("$.tags contains \"eu\""));
  EXPECT_FALSE(holds("$.tags contains \"us\""));
  EXPECT_TRUE(holds("$.status contains \"health\""));
  EXPECT_TRUE(holds("$.user contains \"name\""));
  EXPECT_TRUE(holds("$.user[\"e-mail\"] matches \"@example\\\\.com$\""));
  EXPECT_FALSE(holds("$.count matches \"3\""));
  EXPECT_TRUE(holds("length($.items) == 2"));
  EXPECT_TRUE(holds("length( $.status ) > 6"));
  EXPECT_FALSE(holds("length($.count) > 0"));
}

TEST(JsonAssert, SaysWhatWasFound) {
  EXPECT_EQ(eval("$.status == \"degraded\"").found, "\"healthy\"");
  EXPECT_EQ(eval("$.missing == 1").found, "$.missing is absent");
  EXPECT_EQ(eval("$.missing exists").found, "$.missing is absent");
  EXPECT_EQ(eval("length($.items) > 5").found, "2");
}

TEST(JsonAssert, NeverShowsATokenOrALongValueWhole) {
  const Outcome token = eval("$.token == \"x\"");
  EXPECT_EQ(token.found, "a token-like string of 46 characters");
  const Outcome whole = eval("$ == 1");
  EXPECT_LE(whole.found.size(), 64U);
  EXPECT_EQ(whole.found.substr(whole.found.size() - 3), "…");
}

TEST(JsonAssertErrors, NameTheColumnOfTheMistake) {
  const SyntaxError unquoted = error_of("$.status == healthy");
  EXPECT_EQ(unquoted.column, 12U);
  EXPECT_NE(unquoted.message.find("double quotes"), std::string::npos);
  EXPECT_EQ(error_of("$.status = \"x\"").column, 9U);
  EXPECT_EQ(error_of("$.status").column, 8U);
  EXPECT_EQ(error_of("$.status ==").column, 11U);
  EXPECT_EQ(error_of("status == 1").column, 0U);
  EXPECT_EQ(error_of("$.count > \"3\"").column, 10U);
  EXPECT_NE(error_of("$.a matches \"(\"").message.find("not a regular expression"),
            std::string::npos);
  EXPECT_NE(error_of("$.a matches 3").message.find("regular expression"), std::string::npos);
  EXPECT_EQ(error_of("$.a exists 1").column, 11U);
  EXPECT_EQ(error_of("length($.a > 1").column, 11U);
  EXPECT_NE(error_of("length($.a) contains 1").message.find("length"), std::string::npos);
  EXPECT_NE(error_of("$.a existsx").message.find("operator"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::http
