// PG002: the session to PostgreSQL is encrypted and the URL demands it.
// Rule page: docs/rules/PG002.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgSslInUse final : public pg::PgRule {
 public:
  PgSslInUse();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
