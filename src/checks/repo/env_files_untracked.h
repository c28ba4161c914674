// GIT001: no env file is tracked by git and the configured env file is git-ignored.
// Rule page: docs/rules/GIT001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class EnvFilesUntracked final : public Check {
 public:
  EnvFilesUntracked();
  std::vector<Result> run(const Context& ctx) const override;

  // True iff a file of this base name is an env file (.env, .env.*, *.env) and not a
  // template (*.example, *.sample, *.template, *.dist).
  static bool is_env_file_name(std::string_view name);
};

}  // namespace shipcheck::checks
