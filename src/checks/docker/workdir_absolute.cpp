// DKR014: WORKDIR is an absolute path once its variables are expanded (a variable the
// Dockerfile does not define passes: the build decides).
#include "checks/docker/workdir_absolute.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// POSIX "/app", or a Windows image's "C:\app" / "C:/app" / "\app".
bool absolute(std::string_view path) {
  if (!path.empty() && (path[0] == '/' || path[0] == '\\')) {
    return true;
  }
  const bool letter = path.size() >= 3 &&
                      ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  return letter && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
}

}  // namespace

DkrWorkdirAbsolute::DkrWorkdirAbsolute()
    : DockerRule(RuleInfo{"DKR014", "container", "WORKDIR is an absolute path", Severity::low,
                          "use an absolute path, `WORKDIR /app`: a relative one depends on every "
                          "earlier WORKDIR, including the base image's"}) {}

void DkrWorkdirAbsolute::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "WORKDIR") {
      continue;
    }
    const std::string raw = ins.words.empty() ? std::string(trim(ins.args)) : ins.words.front();
    const auto& vars = docker::vars_before(source, ins);
    if (!docker::resolvable(raw, vars, file.escape)) {
      continue;
    }
    const std::string path = dockerfile::expand(raw, vars, file.escape);
    if (!absolute(path)) {
      const std::string shown = path == raw ? raw : fmt::format("{} ({})", raw, path);
      out.push_back(
          locate(fail(fmt::format("WORKDIR {} is a relative path", shown), docker::evidence(ins)),
                 source, file, ins));
    }
  }
}

std::string DkrWorkdirAbsolute::pass_message() const {
  return "every WORKDIR is absolute";
}

}  // namespace shipcheck::checks
