// The repo family's checks, one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_repo(Registry& registry) { (void)registry; }

}  // namespace shipcheck::checks
