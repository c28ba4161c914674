// CMP002: restart policies of long-running compose services.
#include "checks/compose/restart_policy.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeRestartPolicy k_restart_policy;

TEST(ComposeRestartPolicy, FailsWhenAServiceHasNoPolicy) {
  const auto results = check_compose(k_restart_policy, R"(services:
  api:
    image: api:1
    restart: unless-stopped
  worker:
    image: api:1
)");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "CMP002");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "service 'worker' has no restart policy");
  EXPECT_EQ(locations(results), "5:3");
}

TEST(ComposeRestartPolicy, FailsWhenNeverRestarted) {
  const auto results = check_compose(k_restart_policy, R"(services:
  a: {image: x:1, restart: "no"}
  b: {image: x:1, restart: no}
  c: {image: x:1, restart: sometimes}
  d: {image: x:1, deploy: {restart_policy: {condition: none}}}
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail");
  EXPECT_EQ(results[0].message, "service 'a' is never restarted (restart: \"no\")");
  EXPECT_EQ(results[1].message, "service 'b' is never restarted (restart: \"no\")");
  EXPECT_EQ(results[2].message, "service 'c' has an unknown restart policy 'sometimes'");
  EXPECT_EQ(locations(results), "2:28,3:28,4:28,5:56");
}

TEST(ComposeRestartPolicy, PassesWithEveryAcceptedForm) {
  const auto results = check_compose(k_restart_policy, R"(x-defaults: &defaults
  restart: always
services:
  a: {<<: *defaults, image: x:1}
  b: {image: x:1, restart: on-failure:3}
  c: {image: x:1, deploy: {restart_policy: {condition: on-failure}}}
  d: {image: x:1, restart: "${RESTART:-always}"}
)");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "4 services in 1 compose file: every long-running service has a restart policy");
}

TEST(ComposeRestartPolicy, MigrationJobMayNotRestart) {
  const auto results = check_compose(k_restart_policy, R"(services:
  api:
    image: api:1
    restart: always
    depends_on:
      migrate: {condition: service_completed_successfully}
  migrate:
    image: api:1
    restart: "no"
)");
  EXPECT_EQ(statuses(results), "pass");
}

TEST(ComposeRestartPolicy, SkipsBrokenFilesAndNoFiles) {
  EXPECT_EQ(statuses(check_compose(k_restart_policy, "services: [\n")), "skip");
  EXPECT_EQ(statuses(k_restart_policy.check({})), "skip");
}

}  // namespace
}  // namespace shipcheck::test
