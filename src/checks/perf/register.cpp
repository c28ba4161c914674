// The performance family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/perf/load_thresholds.h"

namespace shipcheck::checks {

void register_perf(Registry& registry) {
  registry.emplace<LoadThresholds>();
}

}  // namespace shipcheck::checks
