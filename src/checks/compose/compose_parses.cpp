// CMP001: every compose file parses and has the shape compose requires.
#include "checks/compose/compose_parses.h"

#include <fmt/format.h>

#include "checks/compose/compose_model.h"
#include "checks/compose/compose_rule.h"
#include "checks/context.h"

namespace shipcheck::checks::compose {

ComposeParses::ComposeParses()
    : Check(RuleInfo{"CMP001", "compose", "Compose files parse", Severity::high,
                     "fix the YAML at the reported line (`docker compose config` shows the same "
                     "error); every service must be a map under `services:`"}) {}

std::vector<Result> ComposeParses::run(const Context& ctx) const {
  return check(infra::infra_files(ctx).compose);
}

std::vector<Result> ComposeParses::check(const std::vector<infra::YamlSource>& files) const {
  if (files.empty()) {
    return {skip("no compose file found")};
  }
  std::vector<Result> out;
  std::size_t services = 0;
  for (const infra::YamlSource& source : files) {
    if (source.error) {
      // No line in the message: the fingerprint must survive edits above the error.
      out.push_back(infra::at(
          fail("compose file does not parse: " + source.error->message, source.error->hint),
          source.path, source.error->line, source.error->column));
      continue;
    }
    const auto file = read_file(source);
    if (!file) {
      out.push_back(infra::at(fail("not a valid compose file: " + file.error().message),
                              source.path, file.error().line, file.error().column));
      continue;
    }
    services += file->services.size();
  }
  if (!out.empty()) {
    return out;
  }
  Result result = pass(fmt::format("{} parse{}, {} in all", count_of(files.size(), "compose file"),
                                   files.size() == 1 ? "s" : "", count_of(services, "service")));
  if (files.size() == 1) {
    return {infra::at(std::move(result), files.front().path)};
  }
  return {std::move(result)};
}

}  // namespace shipcheck::checks::compose
