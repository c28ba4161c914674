// K8S001: manifests parse and every document is an object.
#include "checks/k8s/manifest_parses.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"
#include "checks/k8s/probes.h"

namespace shipcheck::test {
namespace {

TEST(K8sManifestParses, FailsWhenYamlIsBroken) {
  K8sProject project(k_good_manifest);
  project.write(
      "k8s/extra.yaml",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata:\n  A: [unclosed\n");
  const auto results = project.run(checks::K8sManifestParses());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S001");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].location->file, "k8s/extra.yaml");
  EXPECT_GE(results[0].location->line, 5);
  EXPECT_NE(results[0].message.find("k8s/extra.yaml does not parse"), std::string::npos);
}

TEST(K8sManifestParses, FailsWhenADocumentHasNoKind) {
  const std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
      "apiVersion: v1\nmetadata: {name: b}\n";
  const auto results = run_on(checks::K8sManifestParses(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "k8s/app.yaml: document 2 has no kind");
  EXPECT_EQ(results[0].location->line, 5);
}

TEST(K8sManifestParses, FailsWhenADocumentIsNotAMap) {
  const std::string text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- a\n- b\n";
  const auto results = run_on(checks::K8sManifestParses(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("document 2 is a sequence"), std::string::npos);
  EXPECT_EQ(results[0].location->line, 5);
}

TEST(K8sManifestParses, FailsWhenAListItemIsNotAnObject) {
  const std::string text =
      "apiVersion: v1\nkind: List\nitems:\n"
      "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n"
      "  - metadata: {name: b}\n";
  const auto results = run_on(checks::K8sManifestParses(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "k8s/app.yaml: document 1, item 2 has no apiVersion and kind");
  EXPECT_EQ(results[0].location->line, 7);
}

TEST(K8sManifestParses, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sManifestParses(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "5 objects: every document is an object (k8s/app.yaml)");
}

TEST(K8sManifestParses, PassesWithKubectlListAndEmptyDocuments) {
  const std::string text =
      "---\n# nothing here\n---\napiVersion: v1\nkind: List\nitems:\n"
      "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n"
      "---\n";
  const auto results = run_on(checks::K8sManifestParses(), text);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "1 object: every document is an object (k8s/app.yaml)");
}

TEST(K8sManifestParses, SkipsWithoutManifests) {
  TempDir dir;
  dir.write("config/settings.yaml", "debug: false\n");
  EXPECT_EQ(statuses(run_check(checks::K8sManifestParses(), config_for(dir.path()))), "skip");
}

TEST(K8sManifestParses, OtherRulesSkipBrokenFilesAndCheckTheRest) {
  K8sProject project(k_good_manifest);
  project.write("k8s/extra.yaml", "apiVersion: v1\nkind: Pod\nspec: {containers: [\n");
  EXPECT_EQ(statuses(project.run(checks::K8sReadinessProbe())), "pass");

  K8sProject broken("apiVersion: v1\nkind: Pod\nspec: {containers: [\n");
  const auto results = broken.run(checks::K8sReadinessProbe());
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message, "the Kubernetes manifest does not parse (see K8S001)");
}

}  // namespace
}  // namespace shipcheck::test
