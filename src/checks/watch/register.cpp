// The watch family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/watch/last_watch.h"

namespace shipcheck::checks {

void register_watch(Registry& registry) {
  registry.emplace<LastWatch>();
}

}  // namespace shipcheck::checks
