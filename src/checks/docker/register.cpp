// The DKR family's checks (Dockerfiles), one sorted line each.
//
// Every DKR rule derives from DockerRule (checks/docker/docker_rule.h): it implements
// check_file() on one parsed Dockerfile and pass_message(); the base reads the run's
// Dockerfiles, skips files that did not parse and makes the single pass or skip. Shared
// helpers: docker_util.h (stages, variables, evidence), shell.h (commands in RUN),
// packages.h (package-manager commands), dockerignore.h.
#include "checks/docker/add_remote.h"
#include "checks/docker/apk_no_cache.h"
#include "checks/docker/apt_lists_removed.h"
#include "checks/docker/apt_no_recommends.h"
#include "checks/docker/apt_noninteractive.h"
#include "checks/docker/base_image_digest.h"
#include "checks/docker/base_image_tag.h"
#include "checks/docker/build_secrets.h"
#include "checks/docker/copy_destination_dir.h"
#include "checks/docker/copy_not_add.h"
#include "checks/docker/dockerfile_parses.h"
#include "checks/docker/dockerignore_excludes.h"
#include "checks/docker/exec_form.h"
#include "checks/docker/expose_ports.h"
#include "checks/docker/healthcheck.h"
#include "checks/docker/no_cd.h"
#include "checks/docker/no_dev_dependencies.h"
#include "checks/docker/no_maintainer.h"
#include "checks/docker/no_sudo.h"
#include "checks/docker/no_upgrade.h"
#include "checks/docker/non_root_user.h"
#include "checks/docker/npm_ci.h"
#include "checks/docker/one_cmd_per_stage.h"
#include "checks/docker/pinned_packages.h"
#include "checks/docker/pip_no_cache.h"
#include "checks/docker/pipefail.h"
#include "checks/docker/rpm_cache_cleaned.h"
#include "checks/docker/stage_references.h"
#include "checks/docker/unique_stage_names.h"
#include "checks/docker/workdir_absolute.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_docker(Registry& registry) {
  registry.emplace<DkrAddRemote>();
  registry.emplace<DkrApkNoCache>();
  registry.emplace<DkrAptListsRemoved>();
  registry.emplace<DkrAptNoRecommends>();
  registry.emplace<DkrAptNonInteractive>();
  registry.emplace<DkrBaseImageDigest>();
  registry.emplace<DkrBaseImageTag>();
  registry.emplace<DkrBuildSecrets>();
  registry.emplace<DkrCopyDestinationDir>();
  registry.emplace<DkrCopyNotAdd>();
  registry.emplace<DkrDockerignore>();
  registry.emplace<DkrExecForm>();
  registry.emplace<DkrExposePorts>();
  registry.emplace<DkrHealthcheck>();
  registry.emplace<DkrNoCd>();
  registry.emplace<DkrNoDevDependencies>();
  registry.emplace<DkrNoMaintainer>();
  registry.emplace<DkrNoSudo>();
  registry.emplace<DkrNoUpgrade>();
  registry.emplace<DkrNonRootUser>();
  registry.emplace<DkrNpmCi>();
  registry.emplace<DkrOneCmdPerStage>();
  registry.emplace<DkrParses>();
  registry.emplace<DkrPinnedPackages>();
  registry.emplace<DkrPipNoCache>();
  registry.emplace<DkrPipefail>();
  registry.emplace<DkrRpmCacheCleaned>();
  registry.emplace<DkrStageReferences>();
  registry.emplace<DkrUniqueStageNames>();
  registry.emplace<DkrWorkdirAbsolute>();
}

}  // namespace shipcheck::checks
