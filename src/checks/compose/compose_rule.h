// The shape every CMP rule but CMP001 shares: read the compose files, skip those that did
// not parse (CMP001 reports them), look at each service in scope, and answer with one
// fail per finding, else one pass, or one skip when nothing is in scope.
#pragma once

#include <string>
#include <vector>

#include "checks/compose/compose_model.h"
#include "checks/infra_files.h"
#include "core/check.h"

namespace shipcheck::checks::compose {

class ComposeRule : public Check {
 public:
  using Check::Check;

  std::vector<Result> run(const Context& ctx) const override;
  // The results for `files` (what run() gives the project's compose files); tests call it
  // on fixtures parsed in memory.
  virtual std::vector<Result> check(const std::vector<infra::YamlSource>& files) const;

 protected:
  // Whether the rule looks at `service` at all (default: every service).
  virtual bool applies(const File& file, const Service& service) const;
  // Appends one fail per finding about `service`.
  virtual void inspect(const File& file, const Service& service,
                       std::vector<Result>& out) const = 0;
  // What a pass asserts of every service in scope: "every service has a restart policy".
  virtual std::string claim() const = 0;
  // The skip reason when no service of any file is in scope.
  virtual std::string out_of_scope() const;

  // A fail at `node` of `file` (the service's name when `node` is null).
  Result finding(const File& file, const Service& service, const Node* node, std::string message,
                 std::string evidence) const;
};

// "1 service" / "3 services".
std::string count_of(std::size_t n, std::string_view noun);

}  // namespace shipcheck::checks::compose
