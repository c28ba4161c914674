// DKR030: a COPY or ADD with several sources names a directory destination ending in /
// (or `.`/`..`). The classic builder refuses anything else; BuildKit creates the directory,
// so whether `/app/config` is a file or a directory depends on how many sources there are.
#include "checks/docker/copy_destination_dir.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"

namespace shipcheck::checks {
namespace {

bool names_directory(std::string_view dest) {
  return dest.ends_with('/') || dest.ends_with('\\') || dest == "." || dest == "..";
}

}  // namespace

DkrCopyDestinationDir::DkrCopyDestinationDir()
    : DockerRule(RuleInfo{"DKR030", "container",
                          "COPY and ADD with several sources copy into a directory ending in /",
                          Severity::medium,
                          "end the destination with a slash: `COPY a.txt b.txt /app/`"}) {}

void DkrCopyDestinationDir::check_file(const infra::DockerfileSource& source,
                                       const dockerfile::File& file,
                                       std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if ((ins.keyword != "COPY" && ins.keyword != "ADD") || ins.words.size() < 3) {
      continue;
    }
    const std::string& written = ins.words.back();
    std::string dest = written;
    if (written.find('$') != std::string::npos) {
      const auto& vars = docker::vars_before(source, ins);
      if (!docker::resolvable(written, vars, file.escape)) {
        continue;  // depends on a build argument we cannot know
      }
      dest = dockerfile::expand(written, vars, file.escape);
    }
    if (!names_directory(dest)) {
      out.push_back(
          locate(fail(fmt::format("{} of {} sources into `{}`, which does not end in "
                                  "/: write `{}/`",
                                  ins.keyword, ins.words.size() - 1, docker::evidence(dest, 60),
                                  docker::evidence(written, 60)),
                      docker::evidence(ins)),
                 source, file, ins));
    }
  }
}

std::string DkrCopyDestinationDir::pass_message() const {
  return "every COPY and ADD with several sources copies into a directory ending in /";
}

}  // namespace shipcheck::checks
