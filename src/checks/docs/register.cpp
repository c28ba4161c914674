// The docs family's checks, one sorted line each.
#include "checks/docs/ci_config.h"
#include "checks/docs/env_docs.h"
#include "checks/docs/readme.h"
#include "checks/docs/rollback_doc.h"
#include "checks/docs/runbook.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_docs(Registry& registry) {
  registry.emplace<CiConfig>();
  registry.emplace<EnvDocs>();
  registry.emplace<Readme>();
  registry.emplace<RollbackDoc>();
  registry.emplace<Runbook>();
}

}  // namespace shipcheck::checks
