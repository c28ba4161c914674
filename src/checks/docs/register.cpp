// The docs family's checks, one sorted line each.
#include "checks/families.h"

namespace shipcheck::checks {

void register_docs(Registry& registry) { (void)registry; }

}  // namespace shipcheck::checks
