// PG009: the application role has a statement_timeout.
// Rule page: docs/rules/PG009.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgStatementTimeout final : public pg::PgRule {
 public:
  PgStatementTimeout();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
