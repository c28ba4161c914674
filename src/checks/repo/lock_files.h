// GIT004: every package manifest has its lock file (or pinned requirements), committed.
// Rule page: docs/rules/GIT004.md
#pragma once

#include <string>
#include <vector>

#include "core/check.h"

namespace shipcheck::checks {

struct GitFacts;

class LockFiles final : public Check {
 public:
  LockFiles();
  std::vector<Result> run(const Context& ctx) const override;

 private:
  struct Outcome {
    std::vector<Result> failures;
    std::vector<std::string> locked;  // "package.json (package-lock.json)"
  };
  void check_requirements(const Context& ctx, const std::string& manifest, const std::string& text,
                          Outcome& out) const;
  void check_manifest(const Context& ctx, const GitFacts& git, const std::string& manifest,
                      Outcome& out) const;
};

}  // namespace shipcheck::checks
