// DKR027: no MAINTAINER. The instruction has been deprecated since Docker 1.13; the OCI
// label says the same thing in a form registries and scanners read.
#include "checks/docker/no_maintainer.h"

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {

DkrNoMaintainer::DkrNoMaintainer()
    : DockerRule(RuleInfo{"DKR027", "container", "No MAINTAINER instruction", Severity::info,
                          "replace `MAINTAINER name <email>` with "
                          "`LABEL org.opencontainers.image.authors=\"name <email>\"`"}) {}

void DkrNoMaintainer::check_file(const infra::DockerfileSource& source,
                                 const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword == "MAINTAINER") {
      out.push_back(locate(fail("MAINTAINER is deprecated: use LABEL "
                                "org.opencontainers.image.authors",
                                docker::evidence(ins)),
                           source, file, ins));
    }
  }
}

std::string DkrNoMaintainer::pass_message() const {
  return "no deprecated MAINTAINER instruction";
}

}  // namespace shipcheck::checks
