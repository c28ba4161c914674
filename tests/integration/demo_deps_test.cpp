// The PG rules on the running demo service (scripts/demo: Postgres, Redis, the app and nginx
// on 127.0.0.1, stopped by their recorded PIDs). The good demo passes every PG rule but PG006
// (no replica is configured); each planted PG defect fails exactly its rule. One test, so that
// the demo starts once: the defects accumulate, and each run checks the whole family.
#include <cstdlib>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// In the order planted: none of them undoes an earlier one (PG003 drops a table PG007 does
// not look at; PG002 restarts Postgres, whose state the others already changed).
const std::vector<std::string> k_pg_defects = {"PG007", "PG009", "PG010",
                                               "PG003", "PG004", "PG002"};

// rule -> status of the PG rules in a run of the demo.
std::map<std::string, std::string> pg_demo_statuses(const std::filesystem::path& dir) {
  const auto run =
      test::run_shipcheck(fmt::format("run '{}' --only PG --format json --no-store", dir.string()));
  EXPECT_EQ(test::schema_error(run.out), "") << run.err;
  std::map<std::string, std::string> out;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  for (const auto& r : report["results"]) {
    out.emplace(r["rule"].get<std::string>(), r["status"].get<std::string>());
  }
  return out;
}

class PgDemo {
 public:
  PgDemo() {
    setenv("DEMO_PORT_BASE", std::to_string(test::free_demo_port_base(31000)).c_str(), 1);
    test::run_script("demo", fmt::format("setup '{}'", path().string()));
    test::run_script("demo", fmt::format("start '{}'", path().string()));
  }
  ~PgDemo() {
    try {
      test::run_script("demo", fmt::format("stop '{}'", path().string()));
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
  PgDemo(const PgDemo&) = delete;
  PgDemo& operator=(const PgDemo&) = delete;
  std::filesystem::path path() const { return m_dir.path() / "svc"; }

 private:
  test::TempDir m_dir;
};

TEST(DemoDeps, GoodDemoPassesThePgRulesAndEachPlantedDefectFailsItsOwn) {
  const PgDemo demo;
  std::set<std::string> planted;
  for (std::size_t step = 0; step <= k_pg_defects.size(); ++step) {
    if (step > 0) {
      const std::string& rule = k_pg_defects[step - 1];
      test::run_script("demo", fmt::format("plant '{}' {}", demo.path().string(), rule));
      planted.insert(rule);
    }
    const auto statuses = pg_demo_statuses(demo.path());
    ASSERT_EQ(statuses.size(), 10U) << "after planting " << planted.size() << " defects";
    for (const auto& [rule, status] : statuses) {
      const std::string expected =
          planted.count(rule) ? "fail" : (rule == "PG006" ? "skip" : "pass");
      EXPECT_EQ(status, expected) << rule << " after planting " << planted.size() << " defects";
    }
  }
}

}  // namespace
}  // namespace shipcheck
