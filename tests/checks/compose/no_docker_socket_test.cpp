// CMP007: no Docker socket mounts in compose services.
#include "checks/compose/no_docker_socket.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeNoDockerSocket k_no_docker_socket;

TEST(ComposeNoDockerSocket, FailsWhenTheSocketIsMounted) {
  const auto results = check_compose(k_no_docker_socket, R"(services:
  traefik:
    image: traefik:v3.0
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - type: bind
        source: /run/docker.sock
        target: /var/run/docker.sock
)");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "CMP007");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message, "service 'traefik' mounts the Docker socket");
  EXPECT_EQ(results[0].evidence, "- /var/run/docker.sock:/var/run/docker.sock:ro");
  EXPECT_EQ(results[1].evidence, "source: /run/docker.sock");
  EXPECT_EQ(locations(results), "5:9,6:9");
}

TEST(ComposeNoDockerSocket, PassesWithOrdinaryVolumes) {
  const auto results = check_compose(k_no_docker_socket, R"(services:
  db:
    image: postgres:16
    volumes: [db:/var/lib/postgresql/data, ./init.sql:/docker-entrypoint-initdb.d/init.sql]
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
