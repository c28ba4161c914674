// The drills family's checks, one sorted line each.
#include "checks/drills/backup_restore.h"
#include "checks/drills/migration_roundtrip.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_drills(Registry& registry) {
  registry.emplace<BackupRestoreDrill>();
  registry.emplace<MigrationRoundTripDrill>();
}

}  // namespace shipcheck::checks
