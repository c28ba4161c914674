// CMP012: database and cache ports not published on every interface.
#include "checks/compose/datastore_ports_local.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeDatastorePortsLocal k_datastore_ports_local;

TEST(ComposeDatastorePortsLocal, FailsWhenPublishedOnEveryInterface) {
  const auto results = check_compose(k_datastore_ports_local, R"(services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
      - "0.0.0.0:15432:5432"
  cache:
    image: redis:7
    ports:
      - 6379
      - target: 6379
        published: 6380
  search:
    image: elasticsearch:8.13.0
    ports: ["9200-9201:9200-9201"]
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP012");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "service 'db' publishes PostgreSQL port 5432 on every interface");
  EXPECT_EQ(results[4].message,
            "service 'search' publishes Elasticsearch port 9200 on every interface");
  EXPECT_EQ(locations(results), "5:9,6:9,10:9,11:9,15:13");
  EXPECT_EQ(results[3].evidence, "ports: - {target: 6379, published: 6380}");
}

TEST(ComposeDatastorePortsLocal, PassesWithLoopbackOrUnpublished) {
  const auto results = check_compose(k_datastore_ports_local, R"(services:
  db:
    image: postgres:16
    expose: ["5432"]
    ports: ["127.0.0.1:5432:5432", "[::1]:6379:6379", "${BIND:-127.0.0.1}:3306:3306"]
  api:
    image: api:1
    ports: ["8000:8000"]
)");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "2 services in 1 compose file: no database or cache port is published on every "
            "interface");
}

}  // namespace
}  // namespace shipcheck::test
