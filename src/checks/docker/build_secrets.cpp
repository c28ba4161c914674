// DKR006: no ENV, ARG or LABEL binds a literal secret (a provider token, or a
// secret-looking name with a literal value); image metadata and history keep them forever.
#include "checks/docker/build_secrets.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "core/fingerprint.h"

namespace shipcheck::checks {

DkrBuildSecrets::DkrBuildSecrets()
    : DockerRule(RuleInfo{
          "DKR006", "container", "No secrets in ENV, ARG or LABEL", Severity::critical,
          "remove the value and rotate the secret: pass it at run time (environment, "
          "orchestrator secret) or, when the build needs it, with "
          "`RUN --mount=type=secret,id=...`; `docker history` and `docker inspect` show every "
          "ENV, ARG and LABEL value"}) {}

void DkrBuildSecrets::check_file(const infra::DockerfileSource& source,
                                 const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "ENV" && ins.keyword != "ARG" && ins.keyword != "LABEL") {
      continue;
    }
    for (const auto& kv : docker::key_values(ins)) {
      if (!kv.has_value) {
        continue;  // ARG NAME without a default holds nothing
      }
      const auto evidence = infra::literal_secret(kv.key, kv.value);
      if (!evidence) {
        continue;
      }
      Result r =
          locate(fail(fmt::format("{} {} holds a literal secret", ins.keyword, kv.key), *evidence),
                 source, file, ins);
      // The instruction's text holds the secret: key the fingerprint on its name only.
      r.fingerprint = make_fingerprint(
          info().id, source.path,
          fmt::format("{}\n{}\n{}", docker::stage_label(file, ins.stage), ins.keyword, kv.key));
      out.push_back(std::move(r));
    }
  }
}

std::string DkrBuildSecrets::pass_message() const {
  return "no ENV, ARG or LABEL holds a literal secret";
}

}  // namespace shipcheck::checks
