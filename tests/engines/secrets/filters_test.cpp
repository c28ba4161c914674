#include "engines/secrets/filters.h"

#include <gtest/gtest.h>

#include "support/secret_samples.h"

namespace shipcheck::secrets {
namespace {

TEST(Filters, GithubChecksumAcceptsAGeneratedToken) {
  EXPECT_TRUE(valid_crc32_base62(test::github_token("ghp", 1)));
  EXPECT_TRUE(valid_crc32_base62(test::github_token("npm", 2)));
}

TEST(Filters, GithubChecksumRejectsOneChangedCharacter) {
  std::string token = test::github_token("ghp", 1);
  token[10] = token[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(valid_crc32_base62(token));
  EXPECT_FALSE(valid_crc32_base62("ghp_"));
  EXPECT_FALSE(valid_crc32_base62("no underscore"));
}

TEST(Filters, JwtNeedsJsonHeaderWithAlg) {
  EXPECT_TRUE(valid_jwt(test::jwt(3)));
  EXPECT_FALSE(valid_jwt("eyJhbGciOi.eyJzdWIi.abc"));
  const std::string no_alg = test::base64(R"({"typ":"JWT"})") + "." + test::base64("{}") + ".sig";
  EXPECT_FALSE(valid_jwt(no_alg));
}

TEST(Filters, PlaceholdersAreRecognised) {
  for (const char* value :
       {"changeme", "<your-token>", "${API_KEY}", "xxxxxxxxxxxxxxxx", "YOUR_API_KEY_HERE",
        "aaaaaaaaaaaaaaaaaaaa", "{{ vault_token }}", "os.environ[\"X\"]", "process.env.API_KEY",
        "$DB_PASSWORD", "sk_test_0123456789abcdef", "********"}) {
    EXPECT_TRUE(looks_like_placeholder(value)) << value;
  }
}

TEST(Filters, RandomValuesAreNotPlaceholders) {
  EXPECT_FALSE(looks_like_placeholder(test::random_alnum(32, 9)));
  EXPECT_FALSE(looks_like_placeholder(test::github_token("ghp", 4)));
}

TEST(Filters, Base64DecodesBothAlphabetsAndRejectsGarbage) {
  EXPECT_EQ(decode_base64(test::base64("hello world")).value_or(""), "hello world");
  EXPECT_EQ(decode_base64("aGk_").value_or(""), decode_base64("aGk/").value_or("x"));
  EXPECT_FALSE(decode_base64("a").has_value());
  EXPECT_FALSE(decode_base64("ab$d").has_value());
}

TEST(Filters, PassesFiltersAppliesLengthEntropyAndChecksum) {
  Detector d;
  d.min_length = 10;
  d.entropy = 3.0;
  EXPECT_FALSE(passes_filters(d, "short"));
  EXPECT_FALSE(passes_filters(d, "abababababababab"));
  EXPECT_TRUE(passes_filters(d, test::random_alnum(24, 5)));
  d.checksum = Checksum::crc32_base62;
  EXPECT_FALSE(passes_filters(d, "ghp_" + test::random_alnum(36, 6)));
  EXPECT_TRUE(passes_filters(d, test::github_token("ghp", 6)));
}

}  // namespace
}  // namespace shipcheck::secrets
