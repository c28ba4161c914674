// The CMP family's checks (docker-compose files), one sorted line each.
#include "checks/compose/compose_parses.h"
#include "checks/compose/datastore_ports_local.h"
#include "checks/compose/depends_on_healthy.h"
#include "checks/compose/healthcheck.h"
#include "checks/compose/images_pinned.h"
#include "checks/compose/no_dangerous_capabilities.h"
#include "checks/compose/no_docker_socket.h"
#include "checks/compose/no_host_namespaces.h"
#include "checks/compose/no_inline_secrets.h"
#include "checks/compose/no_privileged.h"
#include "checks/compose/resource_limits.h"
#include "checks/compose/restart_policy.h"
#include "checks/families.h"

namespace shipcheck::checks {

// In rule-ID order: CMP001 ... CMP012.
void register_compose(Registry& registry) {
  registry.emplace<compose::ComposeParses>();                   // CMP001
  registry.emplace<compose::ComposeRestartPolicy>();            // CMP002
  registry.emplace<compose::ComposeHealthcheck>();              // CMP003
  registry.emplace<compose::ComposeResourceLimits>();           // CMP004
  registry.emplace<compose::ComposeNoPrivileged>();             // CMP005
  registry.emplace<compose::ComposeNoHostNamespaces>();         // CMP006
  registry.emplace<compose::ComposeNoDockerSocket>();           // CMP007
  registry.emplace<compose::ComposeNoInlineSecrets>();          // CMP008
  registry.emplace<compose::ComposeImagesPinned>();             // CMP009
  registry.emplace<compose::ComposeDependsOnHealthy>();         // CMP010
  registry.emplace<compose::ComposeNoDangerousCapabilities>();  // CMP011
  registry.emplace<compose::ComposeDatastorePortsLocal>();      // CMP012
}

}  // namespace shipcheck::checks
