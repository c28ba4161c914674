// The commands family's checks, one sorted line each.
#include "checks/commands/command_exits_zero.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_commands(Registry& registry) {
  registry.emplace<CommandExitsZero>();
}

}  // namespace shipcheck::checks
