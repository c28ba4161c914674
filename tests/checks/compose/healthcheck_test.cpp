// CMP003: healthchecks of long-running compose services.
#include "checks/compose/healthcheck.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeHealthcheck k_healthcheck;

TEST(ComposeHealthcheck, FailsWhenMissingOrSwitchedOff) {
  const auto results = check_compose(k_healthcheck, R"(services:
  api:
    image: api:1
  db:
    image: postgres:16
    healthcheck:
      disable: true
  cache:
    image: redis:7
    healthcheck:
      test: ["NONE"]
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP003");
  EXPECT_EQ(results[0].message, "service 'api' has no healthcheck");
  EXPECT_EQ(results[1].message, "service 'db' has its healthcheck disabled");
  EXPECT_EQ(results[2].evidence, "test: [NONE]");
  EXPECT_EQ(locations(results), "2:3,7:16,11:13");
}

TEST(ComposeHealthcheck, PassesWithHealthchecksAndExemptsOneShotJobs) {
  const auto results = check_compose(k_healthcheck, R"(services:
  api:
    image: api:1
    healthcheck:
      test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"]
    depends_on:
      migrate: {condition: service_completed_successfully}
  migrate:
    image: api:1
)");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 service in 1 compose file: every long-running service has a healthcheck");
}

}  // namespace
}  // namespace shipcheck::test
