// PG005: connections in use stay below a share of max_connections.
// Rule page: docs/rules/PG005.md
#pragma once

#include "checks/postgres/pg_facts.h"

namespace shipcheck::checks {

class PgConnectionHeadroom final : public pg::PgRule {
 public:
  PgConnectionHeadroom();

 protected:
  std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                            const pg::Db& db) const override;
};

}  // namespace shipcheck::checks
