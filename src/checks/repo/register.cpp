// The repo family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/repo/clean_tree.h"
#include "checks/repo/env_files_untracked.h"
#include "checks/repo/lock_files.h"
#include "checks/repo/migrations_single_head.h"
#include "checks/repo/release_tag.h"

namespace shipcheck::checks {

void register_repo(Registry& registry) {
  registry.emplace<CleanTree>();
  registry.emplace<EnvFilesUntracked>();
  registry.emplace<LockFiles>();
  registry.emplace<MigrationsSingleHead>();
  registry.emplace<ReleaseTag>();
}

}  // namespace shipcheck::checks
