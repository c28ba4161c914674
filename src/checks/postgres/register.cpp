// The postgres family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/postgres/backups.h"
#include "checks/postgres/connections.h"
#include "checks/postgres/fk_indexes.h"
#include "checks/postgres/long_transactions.h"
#include "checks/postgres/migrations.h"
#include "checks/postgres/reachable.h"
#include "checks/postgres/replicas.h"
#include "checks/postgres/ssl.h"
#include "checks/postgres/statement_timeout.h"
#include "checks/postgres/tables.h"

namespace shipcheck::checks {

void register_postgres(Registry& registry) {
  registry.emplace<PgBackupsRecent>();
  registry.emplace<PgConnectionHeadroom>();
  registry.emplace<PgForeignKeysIndexed>();
  registry.emplace<PgMigrationsAtHead>();
  registry.emplace<PgNoLongTransactions>();
  registry.emplace<PgReachable>();
  registry.emplace<PgReplicasStreaming>();
  registry.emplace<PgSslInUse>();
  registry.emplace<PgStatementTimeout>();
  registry.emplace<PgTablesExist>();
}

}  // namespace shipcheck::checks
