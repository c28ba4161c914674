#include "checks/http/smoke.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

// A tiny task API in nginx: POST creates task 7, which can then be read and deleted;
// /private wants the bearer token; /slow trickles its answer.
const std::string k_api =
    "location = /api/tasks {\n"
    "  default_type application/json;\n"
    "  if ($request_method = POST) { return 201 '{\"id\": 7, \"title\": \"shipcheck smoke\"}'; }\n"
    "  return 405;\n"
    "}\n"
    "location = /api/tasks/7 {\n"
    "  default_type application/json;\n"
    "  if ($request_method = DELETE) { return 204; }\n"
    "  return 200 '{\"id\": 7, \"title\": \"shipcheck smoke\", \"tags\": [\"a\"]}';\n"
    "}\n"
    "location = /private {\n"
    "  default_type application/json;\n"
    "  if ($http_authorization != \"Bearer smk-test-token-5f2a9c\") { return 401; }\n"
    "  return 200 '{\"ok\": true}';\n"
    "}\n"
    "location = /limited {\n"
    "  add_header Retry-After 12 always;\n  return 429;\n"
    "}\n"
    "location = /slow {\n"
    "  limit_rate 1000;\n  limit_rate_after 0;\n"
    "  return 200 '" +
    std::string(3000, 'x') +
    "';\n"
    "}\n";

const char* const k_token = "smk-test-token-5f2a9c";

SmokeStep step(std::string name, std::string method, std::string path) {
  SmokeStep s;
  s.name = std::move(name);
  s.method = std::move(method);
  s.path = std::move(path);
  return s;
}

std::vector<SmokeStep> create_read_delete() {
  SmokeStep create = step("create", "POST", "/api/tasks");
  create.json_body = true;
  create.body = R"({"title": "shipcheck smoke"})";
  create.expect.status = {201};
  create.expect.headers = {{"content-type", "^application/json"}};
  create.expect.json = {"$.title == \"shipcheck smoke\"", "$.id exists"};
  create.capture = {{"task_id", "$.id"}};
  SmokeStep read = step("read", "GET", "/api/tasks/{{task_id}}");
  read.expect.json = {"$.id == 7", "length($.tags) == 1"};
  read.expect.body = "\"title\"";
  SmokeStep remove = step("delete", "DELETE", "/api/tasks/{{task_id}}");
  remove.expect.status = {204};
  return {create, read, remove};
}

std::vector<Result> run_smoke(const std::vector<SmokeStep>& steps) {
  return test::run_site(SmokeRequests(), k_api, [&](Config& c) {
    c.smoke = steps;
    c.auth.token_env = "SHIPCHECK_SMK_TEST_TOKEN";
  });
}

TEST(SmokeRequestsTest, PassesWithACreateReadDeleteFlow) {
  const auto results = run_smoke(create_read_delete());
  ASSERT_EQ(test::statuses(results), "pass,pass,pass");
  EXPECT_EQ(results[0].message.rfind("create: POST /api/tasks answers 201 in ", 0), 0U)
      << results[0].message;
  // The captured id reached the later paths: only /api/tasks/7 exists.
  EXPECT_NE(results[2].message.find("DELETE /api/tasks/{{task_id}} answers 204"), std::string::npos)
      << results[2].message;
  EXPECT_NE(results[1].target.find("/api/tasks/{{task_id}}"), std::string::npos);
}

TEST(SmokeRequestsTest, FailsWhenAnAssertionDoesNotHoldAndSendsNothingAfter) {
  auto steps = create_read_delete();
  steps[1].expect.json = {"$.title == \"renamed\""};
  const auto results = run_smoke(steps);
  ASSERT_EQ(test::statuses(results), "pass,fail,skip");
  EXPECT_EQ(results[1].message, "read: $.title == \"renamed\": got \"shipcheck smoke\"");
  EXPECT_EQ(results[1].evidence.rfind("GET /api/tasks/{{task_id}} -> 200 (", 0), 0U)
      << results[1].evidence;
  EXPECT_EQ(results[2].message, "delete: not sent, step 'read' did not pass");
}

TEST(SmokeRequestsTest, IsInconclusiveWhenTheRateLimiterAnswersAndSaysWhenToComeBack) {
  const auto results = run_smoke({step("limited", "GET", "/limited"), step("next", "GET", "/")});
  ASSERT_EQ(test::statuses(results), "error,skip");
  EXPECT_EQ(results[0].message, "limited: GET /limited answers 429: rate limited");
  EXPECT_NE(results[0].remediation.find("(it says Retry-After: 12)"), std::string::npos)
      << results[0].remediation;
}

TEST(SmokeRequestsTest, FailsOnAnUnexpectedStatus) {
  auto steps = create_read_delete();
  steps[0].expect.status = {200};
  const auto results = run_smoke({steps[0]});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "create: status 201, expected 200");
  const auto missing = run_smoke({step("absent", "GET", "/api/tasks/8")});
  ASSERT_EQ(test::statuses(missing), "fail");
  EXPECT_EQ(missing[0].message, "absent: status 404, expected 2xx");
}

TEST(SmokeRequestsTest, FailsWhenThereIsNothingToCapture) {
  auto steps = create_read_delete();
  steps[0].capture = {{"task_id", "$.task.id"}};
  const auto results = run_smoke(steps);
  ASSERT_EQ(test::statuses(results), "fail,skip,skip");
  EXPECT_EQ(results[0].message, "create: nothing to capture as task_id: $.task.id is absent");
}

TEST(SmokeRequestsTest, FailsWhenAHeaderOrTheBodyDoesNotMatch) {
  SmokeStep read = step("read", "GET", "/api/tasks/7");
  read.expect.headers = {{"content-type", "^text/html"}, {"x-request-id", "."}};
  read.expect.body = "\"owner\"";
  const auto results = run_smoke({read});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "read: content-type does not match /^text/html/; no x-request-id header; the body "
            "does not match /\"owner\"/");
}

TEST(SmokeRequestsTest, FailsWhenTheBodyIsNotJson) {
  SmokeStep slow = step("html", "GET", "/api/tasks");
  slow.expect.status = {405};
  slow.expect.json = {"$.id exists"};
  const auto results = run_smoke({slow});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "html: the body is not JSON");
}

TEST(SmokeRequestsTest, FailsWhenSlowerThanItsBudget) {
  SmokeStep slow = step("slow", "GET", "/slow");
  slow.expect.duration = "300ms";
  const auto results = run_smoke({slow});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("ms, more than 300ms"), std::string::npos)
      << results[0].message;
}

TEST(SmokeRequestsTest, SendsTheTokenOnlyWhenAskedAndNeverShowsIt) {
  ::setenv("SHIPCHECK_SMK_TEST_TOKEN", k_token, 1);
  SmokeStep with = step("with token", "GET", "/private");
  with.auth = true;
  with.expect.json = {"$.ok == true"};
  const SmokeStep without = step("without token", "GET", "/private");
  const auto results = run_smoke({with, without});
  ::unsetenv("SHIPCHECK_SMK_TEST_TOKEN");
  ASSERT_EQ(test::statuses(results), "pass,fail");
  EXPECT_EQ(results[1].message, "without token: status 401, expected 2xx");
  for (const auto& r : results) {
    EXPECT_EQ(r.message.find(k_token), std::string::npos);
    EXPECT_EQ(r.evidence.find(k_token), std::string::npos);
  }
}

TEST(SmokeRequestsTest, ErrorsWhenTheTokenIsNotSet) {
  ::unsetenv("SHIPCHECK_SMK_TEST_TOKEN");
  SmokeStep with = step("with token", "GET", "/private");
  with.auth = true;
  const auto results = run_smoke({with, step("next", "GET", "/api/tasks/7")});
  ASSERT_EQ(test::statuses(results), "error,skip");
  EXPECT_EQ(results[0].message, "with token: auth: true, but SHIPCHECK_SMK_TEST_TOKEN is not set");
}

TEST(SmokeRequestsTest, SkipsWithoutSmokeSteps) {
  const auto results = run_smoke({});
  ASSERT_EQ(test::statuses(results), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
