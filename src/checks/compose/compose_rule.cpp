// The shared run/check loop of the CMP rules.
#include "checks/compose/compose_rule.h"

#include <fmt/format.h>

#include "checks/context.h"

namespace shipcheck::checks::compose {

std::string count_of(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::vector<Result> ComposeRule::run(const Context& ctx) const {
  return check(infra::infra_files(ctx).compose);
}

bool ComposeRule::applies(const File& /*file*/, const Service& /*service*/) const {
  return true;
}

std::string ComposeRule::out_of_scope() const {
  return "no service of the compose files is in this rule's scope";
}

Result ComposeRule::finding(const File& file, const Service& service, const Node* node,
                            std::string message, std::string evidence) const {
  const Node* where = node != nullptr ? node : service.key;
  return infra::at(fail(std::move(message), std::move(evidence)), file.path, where->line,
                   where->column);
}

std::vector<Result> ComposeRule::check(const std::vector<infra::YamlSource>& files) const {
  if (files.empty()) {
    return {skip("no compose file found")};
  }
  std::vector<File> parsed;
  for (const infra::YamlSource& source : files) {
    if (auto file = read_file(source)) {
      parsed.push_back(std::move(*file));
    }
  }
  if (parsed.empty()) {
    return {skip("no compose file could be read (CMP001 says why)")};
  }
  std::vector<Result> out;
  std::size_t in_scope = 0;
  for (const File& file : parsed) {
    for (const Service& service : file.services) {
      if (applies(file, service)) {
        ++in_scope;
        inspect(file, service, out);
      }
    }
  }
  if (!out.empty()) {
    return out;
  }
  if (in_scope == 0) {
    return {skip(out_of_scope())};
  }
  Result result = pass(fmt::format("{} in {}: {}", count_of(in_scope, "service"),
                                   count_of(parsed.size(), "compose file"), claim()));
  if (parsed.size() == 1) {
    return {infra::at(std::move(result), parsed.front().path)};
  }
  result.target = fmt::format("{} and {} more", parsed.front().path, parsed.size() - 1);
  return {std::move(result)};
}

}  // namespace shipcheck::checks::compose
