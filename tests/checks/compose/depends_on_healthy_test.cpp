// CMP010: depends_on waits for healthy dependencies.
#include "checks/compose/depends_on_healthy.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeDependsOnHealthy k_depends_on_healthy;

constexpr std::string_view k_db = R"(
  db:
    image: postgres:16
    healthcheck: {test: ["CMD", "pg_isready"]}
  cache:
    image: redis:7
)";

TEST(ComposeDependsOnHealthy, FailsWhenNotWaitingForHealthy) {
  const auto results = check_compose(k_depends_on_healthy, std::string(R"(services:
  api:
    image: api:1
    depends_on: [db, cache]
  worker:
    image: api:1
    depends_on:
      db:
        condition: service_started)") + std::string(k_db));
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "CMP010");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message,
            "service 'api' waits for 'db' as soon as it starts, not until it is healthy");
  EXPECT_EQ(results[1].message,
            "service 'worker' waits for 'db' with condition service_started, not until it is "
            "healthy");
  EXPECT_EQ(locations(results), "4:18,8:7");
}

TEST(ComposeDependsOnHealthy, PassesWithServiceHealthy) {
  const auto results = check_compose(k_depends_on_healthy, std::string(R"(services:
  api:
    image: api:1
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started})") + std::string(k_db));
  EXPECT_EQ(statuses(results), "pass");
}

TEST(ComposeDependsOnHealthy, SkipsWhenNoDependencyHasAHealthcheck) {
  const auto results =
      check_compose(k_depends_on_healthy,
                    "services:\n  api: {image: a:1, depends_on: [cache]}\n  cache: {image: r:7}\n");
  EXPECT_EQ(statuses(results), "skip");
}

}  // namespace
}  // namespace shipcheck::test
