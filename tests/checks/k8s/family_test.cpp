// The K8S family through the real binary: selected by its code, suppressed inline and in
// shipcheck.yaml like every other family.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checks/k8s/k8s_fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::test {
namespace {

nlohmann::json run_json(const TempDir& dir, const std::string& args) {
  const auto run = run_shipcheck("run . --no-store --format json " + args, dir.path());
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.out << run.err;
  EXPECT_EQ(schema_error(run.out), "");
  return nlohmann::json::parse(run.out, nullptr, false);
}

TEST(K8sFamily, TheCodeSelectsEveryRuleAndTheGoodManifestPasses) {
  TempDir dir;
  dir.write("k8s/app.yaml", std::string(k_good_manifest));
  const auto report = run_json(dir, "--only K8S");
  ASSERT_EQ(report["results"].size(), 24U);
  for (const auto& r : report["results"]) {
    EXPECT_EQ(r["status"], "pass") << r.dump();
    EXPECT_EQ(r["family"], "kubernetes");
  }
  EXPECT_EQ(report["verdict"], "ready");
}

TEST(K8sFamily, InlineSuppressionAppliesToAFinding) {
  TempDir dir;
  dir.write("k8s/app.yaml",
            edit(edit(k_good_manifest, k_hpa, ""), "kind: Deployment\n",
                 "# shipcheck:ignore K8S017 -- fixed-size pool sized by the queue's partitions\n"
                 "kind: Deployment\n"));
  const auto report = run_json(dir, "--only K8S017");
  ASSERT_EQ(report["results"].size(), 1U);
  EXPECT_EQ(report["results"][0]["status"], "fail");
  EXPECT_EQ(report["results"][0]["suppressed"]["reason"],
            "fixed-size pool sized by the queue's partitions");
}

TEST(K8sFamily, ConfigAcceptsTheRuleIds) {
  TempDir dir;
  dir.write("k8s/app.yaml", edit(k_good_manifest, k_hpa, ""));
  dir.write("shipcheck.yaml",
            "rules:\n  disable: [K8S002]\n  severity: {K8S021: high}\n"
            "suppress:\n  - {rule: K8S017, path: \"k8s/**\", reason: \"fixed size\"}\n");
  const auto report = run_json(dir, "--only K8S017 --only K8S002");
  ASSERT_EQ(report["results"].size(), 1U);
  EXPECT_EQ(report["results"][0]["rule"], "K8S017");
  EXPECT_EQ(report["results"][0]["suppressed"]["reason"], "fixed size");
}

}  // namespace
}  // namespace shipcheck::test
