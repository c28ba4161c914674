// PG001: PostgreSQL is reachable within the timeout and its version is supported.
// Rule page: docs/rules/PG001.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgReachable final : public pg::PgRule {
 public:
  PgReachable();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
  bool judges_connection() const override { return true; }
};

}  // namespace shipcheck::checks
