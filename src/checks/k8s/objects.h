// The Kubernetes objects of a run's manifests: every document (or `List` item) that is a
// map with apiVersion and kind, with what the K8S rules look at — names, labels, and for
// workloads the pod spec and its containers. Built once per run from infra::infra_files().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checks/infra_files.h"
#include "engines/yaml/document.h"

namespace shipcheck {
struct Context;
}

namespace shipcheck::checks::k8s {

using Labels = std::map<std::string, std::string, std::less<>>;

struct Container {
  enum class Role { main, init, ephemeral };  // containers, initContainers, ephemeralContainers

  Role role = Role::main;
  std::string name;                  // empty when the container has none
  const yaml::Node* node = nullptr;  // the container's map, never null
  int line = 0;                      // its `name:` key, else the item itself
  int column = 0;
};

struct Object {
  const infra::YamlSource* source = nullptr;  // the file; source->stream is set
  int document = 0;                           // 0-based among the file's documents
  int item = -1;                              // index in a List's items; -1 = the document
  const yaml::Node* node = nullptr;           // the object's map
  std::string api_version;
  std::string kind;
  std::string name;        // metadata.name (or generateName)
  std::string namespace_;  // metadata.namespace; empty = whatever `kubectl -n` says
  int line = 0;            // the object's `kind:` key
  int column = 0;
  Labels labels;
  Labels annotations;

  // Workloads only (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
  // ReplicationController, Job, CronJob); pod_spec is null for every other kind.
  const yaml::Node* pod_spec = nullptr;
  Labels pod_labels;       // the pod template's labels (a Pod's own labels)
  Labels pod_annotations;  // the pod template's annotations
  std::vector<Container> containers;
  const yaml::Node* replicas = nullptr;  // spec.replicas as written; null when absent

  const std::string& path() const { return source->path; }
  bool is_workload() const { return pod_spec != nullptr; }
  // Job and CronJob: pods that run to completion.
  // Runs to completion: a Job, a CronJob, or a bare Pod with restartPolicy Never or
  // OnFailure (Helm test hooks, one-off tasks), which need no probes.
  bool is_batch() const;
  // "Deployment todo-api" — how messages name the object.
  std::string label() const { return kind + " " + (name.empty() ? "(unnamed)" : name); }
};

// A document or List item that is not an object (K8S001).
struct Problem {
  std::string path;
  int line = 0;
  int column = 0;
  int document = 0;
  std::string message;
};

struct Objects {
  std::vector<const infra::YamlSource*> files;   // every manifest file, broken ones too
  std::vector<const infra::YamlSource*> parsed;  // those that parsed, in the same order
  std::vector<Object> objects;                   // in file, document and item order
  std::vector<Problem> problems;

  std::vector<const Object*> workloads() const;
  std::vector<const Object*> of_kind(std::string_view kind) const;
  // The objects of `kind` called `name` that share `near`'s namespace, in file order.
  std::vector<const Object*> named(std::string_view kind, std::string_view name,
                                   const Object& near) const;
  // The HorizontalPodAutoscalers (and KEDA ScaledObjects, which make one) whose
  // scaleTargetRef names `target` in its namespace, in file order.
  std::vector<const Object*> autoscalers_of(const Object& target) const;
  // The workloads whose pod labels hold every label of `selector` (all of them for an
  // empty selector), in any namespace, in file order.
  std::vector<const Object*> workloads_with(const Labels& selector) const;

  // Indexes into `objects`, built by collect(), so that the rules relating objects stay
  // linear in their number (a run may lint thousands of manifests; scanning every object
  // for every workload was a third of `scan containers`' time on them).
  std::unordered_multimap<std::string, std::size_t> by_kind_name;     // "kind\nname"
  std::unordered_multimap<std::string, std::size_t> by_scale_target;  // "kind\nname"
  std::unordered_multimap<std::string, std::size_t> by_pod_label;     // "key\nvalue"
};

// How many replicas a Deployment or StatefulSet runs at least: its autoscalers' smallest
// minReplicas (HPA default 1, KEDA minReplicaCount default 0) when it has one, else
// spec.replicas (default 1). `written` is the entry that says so (null = a default), in
// `autoscaler`'s file when there is one. `count` is nullopt when the value is not a number
// (a template).
struct ReplicaFloor {
  std::optional<long long> count;
  const Object* autoscaler = nullptr;
  const yaml::Node::Entry* written = nullptr;
};
ReplicaFloor replica_floor(const Objects& objects, const Object& target);
// The most replicas it may run: the largest maxReplicas of its autoscalers, else
// spec.replicas (default 1); nullopt when not a number.
std::optional<long long> replica_ceiling(const Objects& objects, const Object& target);

// Builds the model; `files` must outlive the result (objects point into their streams).
Objects collect(const std::vector<infra::YamlSource>& files);

// The run's objects, from infra::infra_files(ctx), built on first use.
const Objects& objects(const Context& ctx);

// --- helpers on YAML nodes ---

// The entry of `key` in `map` (its key node has the key's position); nullptr when absent
// or when `map` is null or not a map.
const yaml::Node::Entry* entry(const yaml::Node* map, std::string_view key);
// map->get(key), null-safe.
const yaml::Node* get(const yaml::Node* map, std::string_view key);
// The trimmed text of the scalar at map[key]; empty when absent or not a scalar.
std::string_view scalar(const yaml::Node* map, std::string_view key);
// A map of scalars (labels, annotations, selectors) as strings; non-scalars are skipped.
Labels string_map(const yaml::Node* map);
// true only for a plain YAML `true` (quoted "true" is a string, which Kubernetes rejects).
bool is_true(const yaml::Node* node);
bool is_false(const yaml::Node* node);

// --- helpers on objects ---

// Two objects share a namespace when their namespaces are equal or either leaves it unset
// (an unset namespace is the one `kubectl apply -n` names, so it may be any).
bool same_namespace(const Object& a, const Object& b);
// "{app: api, tier: web}", for evidence.
std::string describe(const Labels& labels);
// True iff every label of `selector` is in `labels` with the same value. An empty selector
// selects everything.
bool subset(const Labels& selector, const Labels& labels);
// A metav1.LabelSelector (matchLabels + matchExpressions) against `labels`. A null selector
// selects nothing; an empty one ({}) selects everything.
bool selects(const yaml::Node* selector, const Labels& labels);
// The container's or the pod's securityContext (nullptr when absent).
const yaml::Node* security_context(const Container& container);
const yaml::Node* pod_security_context(const Object& object);
// A securityContext field as the kubelet resolves it: the container's value, else the
// pod's. `key` is the entry written (its key node gives the position).
struct Setting {
  const yaml::Node::Entry* entry = nullptr;
  bool from_pod = false;
  const yaml::Node* value() const { return entry->value; }
};
std::optional<Setting> effective_setting(const Object& object, const Container& container,
                                         std::string_view key);
// infra::literal_secret for setting names in any spelling: `db.password`, `dbPassword` and
// `db-password` are read as DB_PASSWORD (the secret-name test splits on '_' only). The
// evidence keeps the name as written.
std::optional<std::string> literal_secret(std::string_view name, std::string_view value);
// "Deployment todo-api, container api" (an initContainer is named so).
std::string subject(const Object& object, const Container& container);
// The annotation `key` on the object or its pod template, trimmed: the reason that excuses
// a rule (shipcheck.dev/no-hpa, shipcheck.dev/needs-api). nullopt when absent; an empty
// string when present but blank (which excuses nothing).
std::optional<std::string> reason_annotation(const Object& object, std::string_view key);

}  // namespace shipcheck::checks::k8s
