// DKR001: every Dockerfile parses; a broken one fails at the parser's line and column.
#include "checks/docker/dockerfile_parses.h"

#include <fmt/format.h>

#include "core/fingerprint.h"

namespace shipcheck::checks {

DkrParses::DkrParses()
    : DockerRule(
          RuleInfo{"DKR001", "container", "Dockerfile parses", Severity::high,
                   "fix the syntax error at the reported line and column; `docker build` "
                   "would stop there too, and no other DKR rule can judge the file until then"}) {}

std::vector<Result> DkrParses::check(const std::vector<infra::DockerfileSource>& files) const {
  if (files.empty()) {
    return {skip("no Dockerfile found")};
  }
  std::vector<Result> out;
  std::vector<const infra::DockerfileSource*> parsed;
  for (const auto& source : files) {
    if (source.file) {
      parsed.push_back(&source);
      continue;
    }
    const ParseError error = source.error.value_or(ParseError{source.path, 0, 0, "unreadable", {}});
    Result r = fail(fmt::format("{} does not parse: {}", source.path, error.message), error.hint);
    r = infra::at(std::move(r), source.path, error.line, error.column);
    r.fingerprint = make_fingerprint(info().id, source.path, error.message);
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    return {pass_for(parsed)};
  }
  return out;
}

void DkrParses::check_file(const infra::DockerfileSource&, const dockerfile::File&,
                           std::vector<Result>&) const {}

std::string DkrParses::pass_message() const {
  return "no syntax error";
}

}  // namespace shipcheck::checks
