// The RDS rules on the running demo service (scripts/demo: Postgres, Redis, the app and
// nginx on 127.0.0.1, stopped by their PIDs): the good demo passes them, and each planted
// Redis defect fails exactly its rule. One test, so that the demo starts once.
#include <cstdlib>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/demo.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

class DemoWithRedis : public test::RunningDemo {
 public:
  DemoWithRedis() : RunningDemo(12000) {}

  // rule -> status of the RDS rules.
  std::map<std::string, std::string> rds_statuses() const {
    const auto run = test::run_shipcheck(
        fmt::format("run '{}' --only RDS --format json --no-store", path().string()));
    EXPECT_EQ(test::schema_error(run.out), "") << run.err;
    std::map<std::string, std::string> out;
    const auto report = nlohmann::json::parse(run.out, nullptr, false);
    for (const auto& r : report["results"]) {
      out[r["rule"].get<std::string>()] = r["status"].get<std::string>();
    }
    return out;
  }
};

TEST(DemoRedis, GoodDemoPassesTheRedisRulesAndEachDefectFailsOnlyItsRule) {
  const DemoWithRedis demo;
  const std::map<std::string, std::string> good = {
      {"RDS001", "pass"}, {"RDS002", "pass"}, {"RDS003", "pass"}, {"RDS004", "pass"},
      {"RDS005", "pass"}, {"RDS006", "skip"}, {"RDS007", "skip"}, {"RDS008", "pass"},
      {"RDS009", "skip"}, {"RDS010", "skip"}};
  EXPECT_EQ(demo.rds_statuses(), good);
  for (const std::string defect : {"RDS002", "RDS003", "RDS004"}) {
    demo.plant(defect);
    auto expected = good;
    expected[defect] = "fail";
    if (defect == "RDS004") {
      expected["RDS005"] = "skip";  // no maxmemory: no share to measure
    }
    EXPECT_EQ(demo.rds_statuses(), expected) << "planted " << defect;
    demo.heal();
  }
  EXPECT_EQ(demo.rds_statuses(), good) << "after heal";
}

}  // namespace
}  // namespace shipcheck
