// CMP007: no compose service mounts the Docker socket.
#include "checks/compose/no_docker_socket.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {

ComposeNoDockerSocket::ComposeNoDockerSocket()
    : ComposeRule(RuleInfo{"CMP007", "compose", "No compose service mounts the Docker socket",
                           Severity::critical,
                           "remove the docker.sock mount; if the service must talk to Docker, "
                           "put a filtering socket proxy in between"}) {}

// Any path ending in docker.sock counts: /var/run, /run, rootless ${XDG_RUNTIME_DIR}/...,
// and read-only mounts too (`:ro` does not stop API calls through the socket).
void ComposeNoDockerSocket::inspect(const File& file, const Service& service,
                                    std::vector<Result>& out) const {
  for (const Volume& volume : volumes(service)) {
    if (volume.source.find("docker.sock") == std::string::npos) {
      continue;
    }
    const std::string shown = volume.node->is_scalar() ? "- " + volume.node->value
                                                       : fmt::format("source: {}", volume.source);
    out.push_back(finding(file, service, volume.node,
                          fmt::format("service '{}' mounts the Docker socket", service.name),
                          shown.substr(0, 120)));
  }
}

}  // namespace shipcheck::checks::compose
