// DockerRule: the shared shape of the DKR checks. run() takes the run's Dockerfiles from
// infra::infra_files(ctx) and hands them to check(); a rule implements check_file() (its
// findings in one parsed file) and pass_message(), and the base turns "no findings" into
// ONE pass and "no Dockerfile" into ONE skip. Helpers on stages, variables and shell
// commands are in docker_util.h and shell.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/infra_files.h"
#include "core/check.h"
#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks {

class DockerRule : public Check {
 public:
  using Check::Check;

  std::vector<Result> run(const Context& ctx) const final;

  // The rule over `files` (public so that tests can call it on parsed fixtures). The
  // default: check_file() on every file that parsed; a pass when none found anything, a
  // skip when there is no (parsed) Dockerfile. DKR001 overrides it to see broken files.
  virtual std::vector<Result> check(const std::vector<infra::DockerfileSource>& files) const;

 protected:
  // Appends this rule's findings (fail/warn results, located) in one parsed file.
  virtual void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                          std::vector<Result>& out) const = 0;
  // What a pass means, after "<file>: " or "<n> Dockerfiles: ", e.g. "the final stage runs
  // as a non-root user".
  virtual std::string pass_message() const = 0;

  // A pass saying what was checked, located on the file when there is only one.
  Result pass_for(const std::vector<const infra::DockerfileSource*>& checked) const;

  // `r` located at `ins` in `source`, with a fingerprint from the rule, the path, the
  // instruction's stage and its text (whitespace collapsed) and `detail` — no line number,
  // so the finding keeps its identity when lines move. Pass `detail` when one instruction
  // can yield several findings.
  Result locate(Result r, const infra::DockerfileSource& source, const dockerfile::File& file,
                const dockerfile::Instruction& ins, std::string_view detail = {}) const;
};

}  // namespace shipcheck::checks
