#include "checks/http/rate_limit.h"

#include <chrono>
#include <fstream>
#include <thread>

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

TEST(RateLimitedTest, FailsAfterExactlyTheConfiguredBurstAtTheConfiguredPath) {
  // nginx's own count of the requests it served at /burst is the proof that no more than the
  // configured burst was sent.
  const test::Nginx nginx(
      test::site("location = /burst { access_log \"{dir}/burst.log\"; return 200 'ok'; }\n"));
  Config config = nginx.config();
  config.rate_limit = RateLimitConfig{"/burst", 23, "10s"};
  const auto results = test::run_check(RateLimited(), config);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].evidence, "23 of 23 answered");
  EXPECT_EQ(results[0].target, nginx.https_url("/burst"));
  auto served = [&] {
    std::ifstream log(nginx.dir() / "burst.log");
    std::size_t lines = 0;
    for (std::string line; std::getline(log, line);) {
      lines += line.find("GET /burst ") != std::string::npos ? 1 : 0;
    }
    return lines;
  };
  // nginx logs a request just after answering it: give the last lines a moment to land.
  for (int i = 0; i < 100 && served() < 23; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(served(), 23U);
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
