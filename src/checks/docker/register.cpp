// The DKR family's checks (Dockerfiles), one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_docker(Registry& registry) {
  (void)registry;
}

}  // namespace shipcheck::checks
