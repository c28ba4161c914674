#include "checks/postgres/fk_indexes.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

constexpr const char* k_schema =
    "CREATE TABLE users (id int PRIMARY KEY, org int, UNIQUE (id, org)); "
    "CREATE TABLE tasks (id int PRIMARY KEY, user_id int REFERENCES users (id)); "
    "CREATE TABLE notes (id int, user_id int, org int, "
    "CONSTRAINT notes_owner_fkey FOREIGN KEY (user_id, org) REFERENCES users (id, org)); ";

TEST(PgForeignKeysIndexedTest, FailsWhenAForeignKeyHasNoIndex) {
  const test::Postgres server;
  // notes' key is covered in another column order; tasks' has only a partial index.
  test::as_app(server, std::string(k_schema) +
                           "CREATE INDEX ON notes (org, user_id, id); "
                           "CREATE INDEX ON tasks (user_id) WHERE user_id > 0");
  const auto results = run_pg(PgForeignKeysIndexed(), server.url());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "foreign key tasks_user_id_fkey on tasks (user_id) has no index");
  EXPECT_EQ(results[0].remediation, "CREATE INDEX CONCURRENTLY ON tasks (user_id); in a migration");
  EXPECT_EQ(results[0].evidence, "1 of 2 foreign keys have no index");
}

TEST(PgForeignKeysIndexedTest, FailsWhenAnIndexCoversOnlyPartOfACompositeKey) {
  const test::Postgres server;
  test::as_app(server, std::string(k_schema) +
                           "CREATE INDEX ON tasks (user_id); CREATE INDEX ON notes (user_id)");
  const auto results = run_pg(PgForeignKeysIndexed(), server.url());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "foreign key notes_owner_fkey on notes (user_id, org) has no index");
}

TEST(PgForeignKeysIndexedTest, PassesWithAnIndexOnEveryForeignKey) {
  const test::Postgres server;
  test::as_app(server,
               std::string(k_schema) +
                   "CREATE INDEX ON tasks (user_id, id); CREATE INDEX ON notes (org, user_id)");
  const auto results = run_pg(PgForeignKeysIndexed(), server.url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "all 2 foreign keys have an index on their columns");
}

}  // namespace
}  // namespace shipcheck::checks
