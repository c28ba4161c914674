// The security header parsers on the forms browsers accept and the ones they ignore.
#include "engines/http/headers.h"

#include <gtest/gtest.h>

namespace shipcheck::http {
namespace {

TEST(ParseHsts, ReadsDirectivesInAnyCaseAndQuotedValues) {
  const Hsts hsts = parse_hsts("Max-Age=\"31536000\" ; includeSubdomains;PRELOAD");
  EXPECT_TRUE(hsts.problems.empty());
  EXPECT_EQ(hsts.max_age, 31536000);
  EXPECT_TRUE(hsts.include_subdomains);
  EXPECT_TRUE(hsts.preload);
}

TEST(ParseHsts, MissingMalformedOrRepeatedMaxAgeIsAProblem) {
  EXPECT_EQ(parse_hsts("includeSubDomains").problems,
            (std::vector<std::string>{"max-age is missing"}));
  EXPECT_EQ(parse_hsts("max-age=-1").problems,
            (std::vector<std::string>{"max-age is not a whole number of seconds"}));
  EXPECT_EQ(parse_hsts("max-age=1; max-age=2").problems,
            (std::vector<std::string>{"directive max-age appears twice"}));
  EXPECT_FALSE(parse_hsts("max-age=99999999999999999999").problems.empty());
}

TEST(ParseCsp, SplitsPoliciesAndDirectivesFirstOneWinning) {
  const auto policies =
      parse_csp("Default-Src 'SELF' Example.com; script-src 'none'; script-src *, img-src data:");
  ASSERT_EQ(policies.size(), 2U);
  EXPECT_EQ(policies[0].directives.at("default-src"),
            (std::vector<std::string>{"'self'", "Example.com"}));
  EXPECT_EQ(policies[0].directives.at("script-src"), (std::vector<std::string>{"'none'"}));
  EXPECT_TRUE(policies[1].has("img-src"));
}

TEST(ParseCsp, FetchDirectivesFallBackToDefaultSrcOthersDoNot) {
  const auto policies = parse_csp("default-src 'self'");
  ASSERT_EQ(policies.size(), 1U);
  ASSERT_NE(policies[0].sources_for("script-src"), nullptr);
  EXPECT_EQ(*policies[0].sources_for("script-src"), (std::vector<std::string>{"'self'"}));
  EXPECT_EQ(policies[0].sources_for("frame-ancestors"), nullptr);
  EXPECT_TRUE(parse_csp(" ; , ").empty());
}

TEST(ParseSetCookie, ReadsFlagsAndSameSite) {
  const auto cookie = parse_set_cookie("sid=x=y; Path=/; secure; HTTPONLY; SameSite=lax");
  ASSERT_TRUE(cookie.has_value());
  EXPECT_EQ(cookie->name, "sid");
  EXPECT_TRUE(cookie->secure);
  EXPECT_TRUE(cookie->http_only);
  EXPECT_EQ(cookie->same_site, "lax");
  EXPECT_EQ(parse_set_cookie("a=b; SameSite=sometimes")->same_site, "");
  EXPECT_FALSE(parse_set_cookie("no pair here").has_value());
  EXPECT_FALSE(parse_set_cookie("=value").has_value());
}

}  // namespace
}  // namespace shipcheck::http
