#include "checks/http/subresource_integrity.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

// An nginx location answering `/` with this HTML (no single quotes, no '$' or braces).
std::string page(const std::string& html) {
  return "location / {\n  default_type \"text/html; charset=utf-8\";\n  return 200 '" + html +
         "';\n}\n";
}

TEST(SubresourceIntegrityTest, FailsWhenCdnFilesHaveNoIntegrity) {
  const auto results = test::run_site(
      SubresourceIntegrity(),
      page("<!doctype html><html><head>"
           "<script src=\"https://cdn.example/lib.js\" crossorigin=\"anonymous\"></script>"
           "<link rel=\"stylesheet\" href=\"http://cdn.example/site.css\">"
           "<script src=\"/app.js\"></script>"
           "<!-- <script src=\"https://cdn.example/old.js\"></script> -->"
           "</head><body></body></html>"));
  ASSERT_EQ(test::statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "script from https://cdn.example/lib.js has no integrity hash");
  EXPECT_EQ(results[0].evidence, "<script src=\"https://cdn.example/lib.js\"> without integrity");
  EXPECT_EQ(results[1].message,
            "stylesheet from http://cdn.example/site.css has no integrity hash and loads over "
            "plain HTTP");
}

TEST(SubresourceIntegrityTest, FailsWhenTheIntegrityNamesNoHashBrowsersCheck) {
  const auto results =
      test::run_site(SubresourceIntegrity(),
                     page("<script src=\"//cdn.example/lib.js\" integrity=\"md5-0123\"></script>"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].evidence, "integrity=\"md5-0123\" names no sha256, sha384 or sha512 hash");
}

TEST(SubresourceIntegrityTest, PassesWithIntegrityOnEveryExternalFile) {
  const auto results = test::run_site(
      SubresourceIntegrity(),
      page("<script src=\"https://cdn.example/lib.js\" crossorigin=\"anonymous\" "
           "integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\">"
           "</script>"
           "<link rel=stylesheet href=https://fonts.example/a.css integrity=\"sha256-abc= "
           "sha512-def=\">"
           "<script src=\"https://app.test/own.js\"></script><script src=\"own2.js\"></script>"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "2 script(s) and stylesheet(s) from other hosts, each with an integrity hash");
}

TEST(SubresourceIntegrityTest, PassesWithOnlyFirstPartyFiles) {
  const auto results =
      test::run_site(SubresourceIntegrity(),
                     page("<script src=\"/app.js\"></script><link rel=stylesheet href=/site.css>"
                          "<script>inline()</script>"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "no script or stylesheet from another host (2 from the page's own)");
}

TEST(SubresourceIntegrityTest, SkipsAJsonApi) {
  const auto results = test::run_live(SubresourceIntegrity(), test::k_good_headers);
  ASSERT_EQ(test::statuses(results), "skip");
  EXPECT_EQ(results[0].message,
            "the response is not an HTML page (Content-Type: application/json)");
}

}  // namespace
}  // namespace shipcheck::checks
