// ENV001: every variable the config or the code requires is set and non-empty.
#include "checks/env/required_vars.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// shipcheck.yaml relative to the root, where env.required comes from.
std::string config_location(const Context& ctx) {
  if (ctx.config.file.empty()) {
    return ctx.env_path;
  }
  const auto relative = ctx.config.file.lexically_relative(ctx.root);
  if (relative.empty() || *relative.begin() == "..") {
    return ctx.config.file.filename().string();
  }
  return relative.generic_string();
}

std::string names(const std::vector<env::RequiredVar>& vars) {
  std::string out;
  for (const auto& var : vars) {
    out += (out.empty() ? "" : ", ") + var.name;
  }
  return out;
}

}  // namespace

RequiredVars::RequiredVars()
    : Check(RuleInfo{"ENV001", "env", "Required environment variables are set", Severity::high,
                     "set the variable in the env file, or list it under env.optional in "
                     "shipcheck.yaml if the service copes without it"}) {}

std::vector<Result> RequiredVars::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto required = env::required_vars(ctx, true);
  if (required.empty()) {
    return {
        skip("nothing is required: env.required is empty and the code reads no variable "
             "without a default")};
  }
  std::vector<Result> out;
  for (const auto& var : required) {
    const dotenv::Entry* entry = env::find_var(*ctx.env, var.name);
    if (entry != nullptr && !trim(entry->value).empty()) {
      continue;
    }
    const std::string why =
        var.ref ? fmt::format("read without a default at {}:{}", var.ref->file, var.ref->line)
                : "listed in env.required";
    Result r = fail(fmt::format("{} is {} in {} ({})", var.name, entry ? "empty" : "not set",
                                ctx.env_path, why));
    r.target = ctx.env_path;
    r.location = var.ref ? Location{var.ref->file, var.ref->line, 0, {}}
                         : Location{config_location(ctx), 0, 0, {}};
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    out.push_back(env::at_entry(
        pass(fmt::format("all {} required variables are set in {}", required.size(), ctx.env_path),
             names(required)),
        ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
