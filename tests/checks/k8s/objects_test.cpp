// The object model of the K8S rules: documents, Lists, workloads, containers, selectors.
#include "checks/k8s/objects.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

// Parses `text` as the manifest k8s/app.yaml.
std::vector<checks::infra::YamlSource> sources(std::string_view text) {
  std::vector<checks::infra::YamlSource> out(1);
  out[0].path = "k8s/app.yaml";
  auto parsed = yaml::parse(text, "k8s/app.yaml");
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().to_string());
  if (parsed) {
    out[0].stream = std::move(*parsed);
  }
  return out;
}

TEST(K8sObjects, CollectsTheGoodManifest) {
  const auto files = sources(k_good_manifest);
  const auto objects = checks::k8s::collect(files);
  ASSERT_EQ(objects.objects.size(), 5U);
  EXPECT_TRUE(objects.problems.empty());
  const auto& deployment = objects.objects[0];
  EXPECT_EQ(deployment.label(), "Deployment todo-api");
  EXPECT_EQ(deployment.namespace_, "prod");
  EXPECT_EQ(deployment.line, 3);
  EXPECT_EQ(deployment.column, 1);
  EXPECT_TRUE(deployment.is_workload());
  EXPECT_EQ(deployment.pod_labels.at("tier"), "web");
  ASSERT_EQ(deployment.containers.size(), 2U);
  EXPECT_EQ(deployment.containers[0].role, checks::k8s::Container::Role::init);
  EXPECT_EQ(deployment.containers[0].name, "migrate");
  EXPECT_EQ(deployment.containers[1].name, "api");
  EXPECT_EQ(deployment.containers[1].line, line_of(k_good_manifest, "- name: api"));
  EXPECT_EQ(objects.autoscalers_of(deployment).size(), 1U);
  EXPECT_EQ(checks::k8s::replica_floor(objects, deployment).count, 3);
  EXPECT_EQ(checks::k8s::replica_ceiling(objects, deployment), 10);
  EXPECT_FALSE(objects.objects[1].is_workload());  // the Service
}

TEST(K8sObjects, FlattensListsAndTypedLists) {
  const auto files = sources(R"(apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
---
apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata: {name: b}
    spec:
      template:
        spec: {containers: [{name: c, image: "x:1"}]}
)");
  const auto objects = checks::k8s::collect(files);
  ASSERT_EQ(objects.objects.size(), 2U);
  EXPECT_EQ(objects.objects[0].label(), "ConfigMap a");
  EXPECT_EQ(objects.objects[0].item, 0);
  EXPECT_EQ(objects.objects[1].label(), "Deployment b");
  EXPECT_EQ(objects.objects[1].api_version, "apps/v1");
  EXPECT_EQ(objects.objects[1].containers.size(), 1U);
}

TEST(K8sObjects, FindsTheContainersOfACronJob) {
  const auto files = sources(R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {job: nightly}}
        spec:
          containers: [{name: run, image: "x:1"}]
)");
  const auto objects = checks::k8s::collect(files);
  ASSERT_EQ(objects.objects.size(), 1U);
  EXPECT_TRUE(objects.objects[0].is_batch());
  EXPECT_EQ(objects.objects[0].pod_labels.at("job"), "nightly");
  ASSERT_EQ(objects.objects[0].containers.size(), 1U);
  EXPECT_EQ(objects.objects[0].containers[0].name, "run");
}

TEST(K8sObjects, ACustomResourceNamedJobIsNoWorkload) {
  const auto files =
      sources("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: v}\nspec: {}\n");
  const auto objects = checks::k8s::collect(files);
  ASSERT_EQ(objects.objects.size(), 1U);
  EXPECT_FALSE(objects.objects[0].is_workload());
}

TEST(K8sObjects, IndexesFindObjectsInTheirNamespaceInFileOrder) {
  const auto files = sources(std::string(k_good_manifest) + R"(---
apiVersion: v1
kind: ServiceAccount
metadata: {name: todo-api, namespace: dev}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: todo-api, namespace: prod}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: second, namespace: prod}
spec: {scaleTargetRef: {kind: Deployment, name: todo-api}, minReplicas: 2, maxReplicas: 4}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: elsewhere, namespace: dev}
spec: {scaleTargetRef: {kind: Deployment, name: todo-api}, minReplicas: 2, maxReplicas: 4}
)");
  const auto objects = checks::k8s::collect(files);
  const auto& deployment = objects.objects[0];
  ASSERT_EQ(deployment.kind, "Deployment");
  const auto accounts = objects.named("ServiceAccount", "todo-api", deployment);
  ASSERT_EQ(accounts.size(), 1U);
  EXPECT_EQ(accounts[0]->namespace_, "prod");
  const auto autoscalers = objects.autoscalers_of(deployment);
  ASSERT_EQ(autoscalers.size(), 2U);  // the good manifest's own, then "second"; not "elsewhere"
  EXPECT_EQ(autoscalers[0]->name, "todo-api");
  EXPECT_EQ(autoscalers[1]->name, "second");
  EXPECT_EQ(objects.workloads_with({{"tier", "web"}}).size(), 1U);
  EXPECT_EQ(objects.workloads_with({{"tier", "web"}, {"app", "other"}}).size(), 0U);
  EXPECT_EQ(objects.workloads_with({}).size(), objects.workloads().size());
}

TEST(K8sObjects, LabelSelectors) {
  const auto files = sources(R"(selector:
  matchLabels: {app: api}
  matchExpressions:
    - {key: tier, operator: In, values: [web, edge]}
    - {key: canary, operator: DoesNotExist}
)");
  const yaml::Node* selector = files[0].stream->documents[0].root->get("selector");
  EXPECT_TRUE(checks::k8s::selects(selector, {{"app", "api"}, {"tier", "web"}}));
  EXPECT_FALSE(checks::k8s::selects(selector, {{"app", "api"}, {"tier", "batch"}}));
  EXPECT_FALSE(checks::k8s::selects(selector, {{"app", "api"}, {"tier", "web"}, {"canary", "1"}}));
  EXPECT_FALSE(checks::k8s::selects(nullptr, {{"app", "api"}}));
}

}  // namespace
}  // namespace shipcheck::test
