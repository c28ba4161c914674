// The CMP family's checks (docker-compose files), one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_compose(Registry& registry) {
  (void)registry;
}

}  // namespace shipcheck::checks
