#include "checks/http/rate_limit.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

std::vector<Result> run_servers(const std::string& servers) {
  const test::Nginx nginx(servers);
  Config config = nginx.config();
  config.endpoints.protected_paths = {"/api/tasks"};
  return test::run_check(RateLimited(), config);
}

TEST(RateLimitedTest, FailsWhenNoRequestIsLimited) {
  const auto results = run_servers(test::site("location / { return 200 'ok'; }\n"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("120 requests in"), std::string::npos) << results[0].message;
  EXPECT_EQ(results[0].evidence, "120 of 120 answered");
}

TEST(RateLimitedTest, PassesWithNginxLimitReq) {
  // 10 requests a second, bursts of 5: the first wave of 10 already meets a 429. (A content
  // handler, empty_gif: `return` would answer before limit_req runs.)
  const auto results =
      run_servers("limit_req_zone $binary_remote_addr zone=api:1m rate=10r/s;\n" +
                  test::site("location /api/ {\n  limit_req zone=api burst=5 nodelay;\n"
                             "  limit_req_status 429;\n  empty_gif;\n}\n"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "429 after at most 10 requests (no Retry-After header)");
  EXPECT_EQ(results[0].evidence, "HTTP 429; no Retry-After header");
}

TEST(RateLimitedTest, PassesWithRetryAfterReported) {
  const auto results =
      run_servers("limit_req_zone $binary_remote_addr zone=api:1m rate=10r/s;\n" +
                  test::site("location /api/ {\n  limit_req zone=api burst=5 nodelay;\n"
                             "  limit_req_status 429;\n  add_header Retry-After 7 always;\n"
                             "  empty_gif;\n}\n"));
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "429 after at most 10 requests, Retry-After: 7");
  EXPECT_EQ(results[0].evidence, "HTTP 429; Retry-After: 7");
}

}  // namespace
}  // namespace shipcheck::checks
