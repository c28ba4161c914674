// The env family's checks, one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_env(Registry& registry) { (void)registry; }

}  // namespace shipcheck::checks
