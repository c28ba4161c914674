// DOC001: README present and not a stub (see docs/rules/DOC001.md).
#include "checks/docs/readme.h"

#include <fmt/format.h>

#include "checks/docs/doc_files.h"

namespace shipcheck::checks {

Readme::Readme()
    : Check(RuleInfo{"DOC001", "docs", "README is present", Severity::medium,
                     "write a README.md: what the service does, how to run, configure and deploy "
                     "it, and where its runbook is"}) {}

std::vector<Result> Readme::run(const Context& ctx) const {
  const std::string& configured = ctx.config.docs.readme;
  const auto path = find_readme(ctx);
  if (!path) {
    Result r = fail(configured.empty()
                        ? std::string("no README at the project root")
                        : fmt::format("docs.readme names {}, which does not exist", configured));
    if (!configured.empty()) {
      r.location = Location{configured, 0, 0, {}};
    }
    return {std::move(r)};
  }
  const std::size_t lines = count_nonempty_lines(read_doc(ctx.root / *path).value_or(""));
  if (lines < k_min_lines) {
    Result r = fail(fmt::format("{} has only {} non-empty line{} (at least {} expected)", *path,
                                lines, lines == 1 ? "" : "s", k_min_lines));
    r.location = Location{*path, 0, 0, {}};
    return {std::move(r)};
  }
  return {pass(fmt::format("{} has {} non-empty lines", *path, lines))};
}

}  // namespace shipcheck::checks
