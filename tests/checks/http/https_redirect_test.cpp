#include "checks/http/https_redirect.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

using test::k_good_headers;
using test::run_live;

TEST(HttpsRedirectTest, FailsWhenPlainHttpServesTheContent) {
  const auto results = run_live(HttpsRedirect(), k_good_headers, "return 200 'plain';");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("answers 200 instead of redirecting"), std::string::npos);
  EXPECT_NE(results[0].target.find("http://app.test:"), std::string::npos);
}

TEST(HttpsRedirectTest, FailsWhenTheRedirectGoesToAnotherHostFirst) {
  const auto results =
      run_live(HttpsRedirect(), k_good_headers, "return 301 https://www.example.com/;");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("another host (www.example.com)"), std::string::npos);
}

TEST(HttpsRedirectTest, FailsWhenTheRedirectStaysOnHttp) {
  const auto results =
      run_live(HttpsRedirect(), k_good_headers, "return 302 http://$host:{http_port}/login;");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not to HTTPS"), std::string::npos);
}

TEST(HttpsRedirectTest, PassesWithA301ToHttpsOnTheSameHost) {
  const auto results = run_live(HttpsRedirect(), k_good_headers);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_NE(results[0].message.find("redirects (301) to https://app.test:"), std::string::npos);
}

TEST(HttpsRedirectTest, PassesWhenNothingListensOnPlainHttp) {
  const test::Nginx nginx(test::https_server(k_good_headers));
  Config config = nginx.config();
  config.http_url = "http://127.0.0.1:" + std::to_string(test::free_port()) + "/";
  const auto results = test::run_check(HttpsRedirect(), config);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_NE(results[0].message.find("nothing listens"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::checks
