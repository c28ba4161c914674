// DockerRule's run/check skeleton and the helpers shared by the DKR checks.
#include "checks/docker/docker_rule.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/docker/docker_util.h"
#include "core/fingerprint.h"
#include "core/text.h"

namespace shipcheck::checks {

std::vector<Result> DockerRule::run(const Context& ctx) const {
  return check(infra::infra_files(ctx).dockerfiles);
}

std::vector<Result> DockerRule::check(const std::vector<infra::DockerfileSource>& files) const {
  if (files.empty()) {
    return {skip("no Dockerfile found")};
  }
  std::vector<const infra::DockerfileSource*> parsed;
  std::vector<Result> out;
  for (const auto& source : files) {
    if (source.file) {
      parsed.push_back(&source);
      check_file(source, *source.file, out);
    }
  }
  if (parsed.empty()) {
    return {skip(files.size() == 1 ? "the Dockerfile does not parse (see DKR001)"
                                   : "no Dockerfile parses (see DKR001)")};
  }
  if (out.empty()) {
    return {pass_for(parsed)};
  }
  return out;
}

Result DockerRule::pass_for(const std::vector<const infra::DockerfileSource*>& checked) const {
  if (checked.size() == 1) {
    return infra::at(pass(fmt::format("{}: {}", checked[0]->path, pass_message())),
                     checked[0]->path);
  }
  return pass(fmt::format("{} Dockerfiles: {}", checked.size(), pass_message()));
}

Result DockerRule::locate(Result r, const infra::DockerfileSource& source,
                          const dockerfile::File& file, const dockerfile::Instruction& ins,
                          std::string_view detail) const {
  r = infra::at(std::move(r), source.path, ins.pos.line, ins.pos.column);
  const std::string key = fmt::format("{}\n{}\n{}", docker::stage_label(file, ins.stage),
                                      docker::evidence(ins.original, 4096), detail);
  r.fingerprint = make_fingerprint(info().id, source.path, key);
  return r;
}

}  // namespace shipcheck::checks
