// DOC003: environment docs exist and mention every variable of the env file (or the
// example file does).
// Rule page: docs/rules/DOC003.md
#pragma once

#include <string>
#include <vector>

#include "core/check.h"

namespace shipcheck::checks {

class EnvDocs final : public Check {
 public:
  EnvDocs();
  std::vector<Result> run(const Context& ctx) const override;

  // A place variables may be documented in: its label for messages and its text.
  struct Source {
    std::string label;  // "docs/ENVIRONMENT.md", "README.md (Configuration)", ".env.example"
    std::string text;
  };
  // The project's environment documentation (docs.env_docs, or ENV/CONFIG Markdown files
  // at the root and in docs/, and README sections on environment variables or
  // configuration), in search order. The example file supplements these; it is no
  // documentation on its own.
  static std::vector<Source> documents(const Context& ctx);
};

}  // namespace shipcheck::checks
