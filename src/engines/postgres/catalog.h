// What a drill compares between two databases: the schema as sorted lines of text, and
// every table's exact row count. Both read the catalog the same way on each side, so two
// databases with the same objects give the same lines whatever their OIDs or owners.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "engines/postgres/session.h"

namespace shipcheck::postgres {

// One line per table, column (type, NOT NULL, default), constraint, index, view, sequence,
// enum type, function (its definition's md5), trigger and extension, outside the system
// schemas; sorted. Owners, privileges and storage details are left out: a restore with
// --no-owner is meant to change them.
tl::expected<std::vector<std::string>, Error> schema_outline(Session& session);

struct TableCount {
  std::string table;  // "public.tasks" (schema-qualified, quoted where needed)
  std::int64_t rows = 0;
};

// count(*) of every ordinary table and partition outside the system schemas, in one query;
// sorted by table.
tl::expected<std::vector<TableCount>, Error> row_counts(Session& session);

// The lines only in `a` ("- line") and only in `b` ("+ line"), both sorted inputs.
std::vector<std::string> outline_difference(const std::vector<std::string>& a,
                                            const std::vector<std::string>& b);

}  // namespace shipcheck::postgres
