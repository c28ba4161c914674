// DKR015: EXPOSE lists valid ports (1-65535, ranges, /tcp, /udp or /sctp) and not 22:
// an image that serves SSH is a server to patch, not a container.
#include "checks/docker/expose_ports.h"

#include <optional>
#include <regex>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

struct PortRange {
  long low = 0;
  long high = 0;
};

// "8000", "8000/tcp", "7000-7010/udp" -> the range; nullopt when malformed or out of range.
std::optional<PortRange> parse_port(const std::string& spec) {
  static const std::regex k_port(R"(([0-9]{1,6})(?:-([0-9]{1,6}))?(?:/(tcp|udp|sctp))?)",
                                 std::regex::icase);
  std::smatch m;
  if (!std::regex_match(spec, m, k_port)) {
    return std::nullopt;
  }
  const long low = std::stol(m[1].str());
  const long high = m[2].matched ? std::stol(m[2].str()) : low;
  if (low < 1 || high > 65535 || high < low) {
    return std::nullopt;
  }
  return PortRange{low, high};
}

}  // namespace

DkrExposePorts::DkrExposePorts()
    : DockerRule(RuleInfo{"DKR015", "container", "EXPOSE lists valid ports, not SSH", Severity::low,
                          "expose only the service's ports, as numbers 1-65535 with an optional "
                          "/tcp or /udp (`EXPOSE 8000`); reach a container with `docker exec` or "
                          "`kubectl exec`, not SSH"}) {}

void DkrExposePorts::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                                std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "EXPOSE") {
      continue;
    }
    const auto& vars = docker::vars_before(source, ins);
    for (const auto& word : ins.words) {
      if (!docker::resolvable(word, vars, file.escape)) {
        continue;
      }
      const std::string spec = dockerfile::expand(word, vars, file.escape);
      const auto range = parse_port(spec);
      std::string problem;
      if (!range) {
        problem = fmt::format("EXPOSE {} is not a valid port", docker::evidence(spec, 40));
      } else if (range->low <= 22 && 22 <= range->high) {
        problem = fmt::format("EXPOSE {} exposes SSH (port 22)", spec);
      }
      if (!problem.empty()) {
        out.push_back(locate(fail(problem, docker::evidence(ins)), source, file, ins, word));
      }
    }
  }
}

std::string DkrExposePorts::pass_message() const {
  return "every EXPOSEd port is valid and none is SSH";
}

}  // namespace shipcheck::checks
