#include "checks/http/health.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

std::vector<Result> health_with(const Check& check, const std::string& answer) {
  return test::run_site(check,
                        "location = /health { default_type application/json; return " + answer +
                            "; }\n"
                            "location = /readyz { default_type application/json; return " +
                            answer +
                            "; }\n"
                            "location = /livez { default_type application/json; return " +
                            answer + "; }\n",
                        [](Config& c) {
                          c.endpoints.health = "/health";
                          c.endpoints.readiness = "/readyz";
                          c.endpoints.liveness = "/livez";
                        });
}

TEST(HealthEndpointTest, FailsWhenA200ReportsDegraded) {
  const auto results = health_with(HealthEndpoint(), "200 '{\"status\": \"degraded\"}'");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "health endpoint /health answers 200 but reports status \"degraded\"");
}

TEST(HealthEndpointTest, FailsWhenADependencyIsDown) {
  const auto results =
      health_with(HealthEndpoint(), "200 '{\"status\": \"healthy\", \"database\": false}'");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("database: false"), std::string::npos);
}

TEST(HealthEndpointTest, FailsWhenItAnswers503) {
  const auto results = health_with(HealthEndpoint(), "503 '{\"status\": \"unhealthy\"}'");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "health endpoint /health answers 503");
}

TEST(HealthEndpointTest, PassesWithStatusHealthy) {
  const auto results =
      health_with(HealthEndpoint(), "200 '{\"status\": \"healthy\", \"database\": true}'");
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_NE(results[0].message.find("answers 200 in"), std::string::npos);
}

std::vector<Result> health_expecting(const std::string& answer, std::vector<std::string> expect) {
  return test::run_site(
      HealthEndpoint(),
      "location = /health { default_type application/json; return " + answer + "; }\n",
      [&](Config& c) {
        c.endpoints.health = "/health";
        c.endpoints.health_expect = expect;
      });
}

TEST(HealthEndpointTest, FailsWhenAConfiguredAssertionDoesNotHold) {
  const auto results = health_expecting("200 '{\"status\": \"ok\", \"db\": {\"up\": false}}'",
                                        {"$.status == \"ok\"", "$.db.up == true"});
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "health endpoint /health answers 200 but reports $.db.up == true (got false)");
  const auto text = health_expecting("200 'OK'", {"$.status == \"ok\""});
  ASSERT_EQ(test::statuses(text), "fail");
  EXPECT_NE(text[0].message.find("a body that is not JSON"), std::string::npos);
}

TEST(HealthEndpointTest, PassesWithConfiguredAssertionsInsteadOfTheBuiltInReading) {
  // `maintenance: false` would fail the built-in reading; the configured assertions decide.
  const auto results = health_expecting("200 '{\"state\": \"serving\", \"maintenance\": false}'",
                                        {"$.state == \"serving\"", "$.maintenance == false"});
  ASSERT_EQ(test::statuses(results), "pass");
}

TEST(HealthEndpointTest, SkipsWithoutAConfiguredEndpoint) {
  const auto results = test::run_site(HealthEndpoint(), "location / { return 200 'ok'; }\n");
  ASSERT_EQ(test::statuses(results), "skip");
}

TEST(ReadinessEndpointTest, FailsWhenItAnswers503) {
  EXPECT_EQ(test::statuses(health_with(ReadinessEndpoint(), "503 '{\"ready\": false}'")), "fail");
}

TEST(ReadinessEndpointTest, PassesWith200) {
  EXPECT_EQ(test::statuses(health_with(ReadinessEndpoint(), "200 '{\"ready\": true}'")), "pass");
}

TEST(LivenessEndpointTest, FailsWhenItAnswers500) {
  EXPECT_EQ(test::statuses(health_with(LivenessEndpoint(), "500 'down'")), "fail");
}

TEST(LivenessEndpointTest, PassesWith200) {
  EXPECT_EQ(test::statuses(health_with(LivenessEndpoint(), "200 '{\"status\": \"alive\"}'")),
            "pass");
}

}  // namespace
}  // namespace shipcheck::checks
