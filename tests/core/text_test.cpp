// Text helpers: distances, suggestions, entropy, globs, durations.
#include "core/text.h"

#include <gtest/gtest.h>

#include "core/duration.h"

namespace shipcheck {
namespace {

TEST(Closest, SuggestsNearNames) {
  EXPECT_EQ(closest("env_flie", {"env_file", "service", "url"}),
            std::vector<std::string>{"env_file"});
  EXPECT_TRUE(closest("zzzzzz", {"env_file", "url"}).empty());
}

TEST(ShannonEntropy, UniformIsHighRepeatedIsZero) {
  EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abcd"), 2.0);
}

TEST(GlobMatch, StarsAndDoubleStars) {
  EXPECT_TRUE(glob_match("tests/fixtures/**", "tests/fixtures/a/b.pem"));
  EXPECT_TRUE(glob_match("**/*.env", "a/b/prod.env"));
  EXPECT_TRUE(glob_match("**/*.env", "prod.env"));
  EXPECT_FALSE(glob_match("*.env", "a/prod.env"));
  EXPECT_TRUE(glob_match("v*", "v1.0.0"));
  EXPECT_FALSE(glob_match("v?", "v10"));
}

TEST(ToValidUtf8, ReplacesEachMalformedByteAndKeepsTheRest) {
  EXPECT_EQ(to_valid_utf8("plain \xC3\xA9t\xC3\xA9"), "plain \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(to_valid_utf8("a\xFF\xFE"
                          "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(to_valid_utf8("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong '/'";
  EXPECT_EQ(to_valid_utf8("line\n\x80\n"), "line\n\xEF\xBF\xBD\n");
}

TEST(ParseDuration, UnitsAndCompounds) {
  EXPECT_EQ(parse_duration("30s")->count(), 30'000);
  EXPECT_EQ(parse_duration("500ms")->count(), 500);
  EXPECT_EQ(parse_duration("1h30m")->count(), 5'400'000);
  EXPECT_EQ(parse_duration("2")->count(), 2'000);
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("fast"));
  EXPECT_FALSE(parse_duration("5 s"));
  EXPECT_FALSE(parse_duration("10x"));
}

TEST(ParseDuration, RefusesNumbersTooLongToBeReal) {
  // Found by fuzz/duration_fuzz.cpp: 19 digits overflowed before the length check.
  EXPECT_FALSE(parse_duration("9s99m6666666666666666666d8d"));
  EXPECT_FALSE(parse_duration("1234567890s"));
  EXPECT_EQ(parse_duration("123456789ms")->count(), 123456789);
}

}  // namespace
}  // namespace shipcheck
