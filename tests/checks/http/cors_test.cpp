#include "checks/http/cors.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

const std::string k_allowed = "https://app.example.com";

// nginx answering CORS with `origin_value` as Access-Control-Allow-Origin, credentials on;
// preflights get 204.
std::string cors_site(const std::string& origin_value) {
  return "location / {\n"
         "  add_header Access-Control-Allow-Origin " +
         origin_value +
         " always;\n"
         "  add_header Access-Control-Allow-Credentials true always;\n"
         "  if ($request_method = OPTIONS) { return 204; }\n"
         "  return 200 'ok';\n}\n";
}

// Only the configured origin is echoed (a map in nginx's http block).
std::string fixed_list_servers() {
  return "map $http_origin $cors_origin {\n  \"" + k_allowed +
         "\" $http_origin;\n  default \"\";\n}\n" + test::site(cors_site("$cors_origin"));
}

std::vector<Result> run_servers(const Check& check, const std::string& servers) {
  const test::Nginx nginx(servers);
  Config config = nginx.config();
  config.cors.allowed_origins = {k_allowed};
  return test::run_check(check, config);
}

TEST(CorsNoReflectionTest, FailsWhenEveryOriginIsEchoed) {
  const auto results = test::run_site(CorsNoReflection(), cors_site("$http_origin"),
                                      [](Config& c) { c.cors.allowed_origins = {k_allowed}; });
  ASSERT_EQ(test::statuses(results), "fail,fail,fail,fail");
  EXPECT_EQ(results[0].message,
            "a preflight from Origin https://evil.example is answered with "
            "Access-Control-Allow-Origin: https://evil.example and credentials");
  EXPECT_NE(results[1].message.find("Origin null"), std::string::npos);
  EXPECT_NE(results[2].message.find("https://app.example.com.evil.example"), std::string::npos);
}

TEST(CorsNoReflectionTest, PassesWithAFixedList) {
  const auto results = run_servers(CorsNoReflection(), fixed_list_servers());
  ASSERT_EQ(test::statuses(results), "pass");
}

TEST(CorsNoWildcardCredentialsTest, FailsWhenStarComesWithCredentials) {
  const auto results = test::run_site(CorsNoWildcardCredentials(), cors_site("*"));
  ASSERT_EQ(test::statuses(results), "fail");
}

TEST(CorsNoWildcardCredentialsTest, PassesWithAFixedList) {
  EXPECT_EQ(test::statuses(run_servers(CorsNoWildcardCredentials(), fixed_list_servers())), "pass");
}

TEST(CorsAllowsConfiguredTest, FailsWhenTheConfiguredOriginIsRefused) {
  const auto results =
      run_servers(CorsAllowsConfigured(), test::site("location / { return 200 'ok'; }\n"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].evidence.find("(none)"), std::string::npos);
}

TEST(CorsAllowsConfiguredTest, PassesWithTheOriginEchoed) {
  const auto results = run_servers(CorsAllowsConfigured(), fixed_list_servers());
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "1 configured origin(s) allowed: https://app.example.com");
}

TEST(CorsAllowsConfiguredTest, SkipsWithoutConfiguredOrigins) {
  EXPECT_EQ(test::statuses(test::run_site(CorsAllowsConfigured(), "location / { return 200; }\n")),
            "skip");
}

}  // namespace
}  // namespace shipcheck::checks
