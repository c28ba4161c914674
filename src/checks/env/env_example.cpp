// ENV013: an example env file documents every variable of the env file and the code.
#include "checks/env/env_example.h"

#include <cctype>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// The upper-cased names an example file mentions: `NAME=`, `export NAME=`, and commented
// lines `# NAME=` (the usual way to document an optional variable).
std::set<std::string> documented_names(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::set<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view rest = trim(line);
    while (!rest.empty() && rest.front() == '#') {
      rest = trim(rest.substr(1));
    }
    if (rest.rfind("export ", 0) == 0) {
      rest = trim(rest.substr(7));
    }
    std::size_t end = 0;
    while (end < rest.size() &&
           (std::isalnum(static_cast<unsigned char>(rest[end])) != 0 || rest[end] == '_')) {
      ++end;
    }
    if (end > 0 && trim(rest.substr(end)).rfind('=', 0) == 0) {
      names.insert(to_upper(rest.substr(0, end)));
    }
  }
  return names;
}

// Every variable to document: the env file's keys, then what the code requires.
std::vector<std::pair<std::string, std::string>> variables_to_document(const Context& ctx) {
  std::vector<std::pair<std::string, std::string>> out;  // name, where it comes from
  std::set<std::string> seen;
  for (const dotenv::Entry* entry : env::effective_entries(*ctx.env)) {
    if (seen.insert(to_upper(entry->key)).second) {
      out.emplace_back(entry->key, fmt::format("set at {}:{}", ctx.env_path, entry->line));
    }
  }
  for (const auto& var : env::required_vars(ctx, false)) {
    if (seen.insert(to_upper(var.name)).second) {
      out.emplace_back(var.name, fmt::format("read at {}:{}", var.ref->file, var.ref->line));
    }
  }
  return out;
}

}  // namespace

EnvExample::EnvExample()
    : Check(RuleInfo{"ENV013", "env", "The example env file documents every variable",
                     Severity::medium,
                     "add the variable to the example file with a safe sample value or a "
                     "comment (never the real value)"}) {}

std::vector<Result> EnvExample::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  std::string wanted;
  const auto example = env::find_example_file(ctx, wanted);
  if (!example) {
    Result r = fail(fmt::format("no example env file: {} does not exist", wanted));
    r.target = wanted;
    r.location = Location{wanted, 0, 0, {}};
    return {r};
  }
  const auto documented = documented_names(ctx.root / *example);
  const auto wanted_vars = variables_to_document(ctx);
  std::vector<Result> out;
  for (const auto& [name, source] : wanted_vars) {
    if (documented.count(to_upper(name)) == 0) {
      Result r = fail(fmt::format("{} is not documented in {}", name, *example), source);
      r.target = *example;
      r.location = Location{*example, 0, 0, {}};
      out.push_back(std::move(r));
    }
  }
  if (out.empty()) {
    Result r = pass(fmt::format("{} documents all {} variables of {} and the code", *example,
                                wanted_vars.size(), ctx.env_path));
    r.target = *example;
    r.location = Location{*example, 0, 0, {}};
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace shipcheck::checks
