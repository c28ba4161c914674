// CMP006: no host network, PID or IPC namespace in compose services.
#include "checks/compose/no_host_namespaces.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeNoHostNamespaces k_no_host_namespaces;

TEST(ComposeNoHostNamespaces, FailsWhenAHostNamespaceIsShared) {
  const auto results = check_compose(k_no_host_namespaces, R"(services:
  a:
    image: x:1
    network_mode: host
    pid: "host"
  b:
    image: x:1
    ipc: host
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP006");
  EXPECT_EQ(results[0].message, "service 'a' shares the host's network (network_mode: host)");
  EXPECT_EQ(results[2].message, "service 'b' shares the host's IPC namespace (ipc: host)");
  EXPECT_EQ(locations(results), "4:19,5:10,8:10");
}

TEST(ComposeNoHostNamespaces, PassesWithBridgeOrServiceNetworks) {
  const auto results = check_compose(k_no_host_namespaces, R"(services:
  a: {image: x:1, network_mode: bridge}
  b: {image: x:1, network_mode: "service:a", pid: "service:a"}
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
