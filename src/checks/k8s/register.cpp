// The K8S family's checks (Kubernetes manifests), one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_k8s(Registry& registry) {
  (void)registry;
}

}  // namespace shipcheck::checks
