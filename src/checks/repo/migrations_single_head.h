// GIT005: alembic migrations form one line of history: a single head, no unknown parents.
// Rule page: docs/rules/GIT005.md
#pragma once

#include <string>
#include <vector>

#include "core/check.h"
#include "engines/alembic/alembic.h"

namespace shipcheck::checks {

struct AlembicSetup;

class MigrationsSingleHead final : public Check {
 public:
  MigrationsSingleHead();
  std::vector<Result> run(const Context& ctx) const override;

 private:
  void check_setup(const Context& ctx, const AlembicSetup& setup, std::vector<Result>& out) const;
  void judge_graph(const std::string& dirs, const std::vector<alembic::Revision>& revisions,
                   std::vector<Result>& out) const;
};

}  // namespace shipcheck::checks
