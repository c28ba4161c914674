// K8sRule's run/check skeleton and the helpers shared by the K8S checks.
#include "checks/k8s/k8s_rule.h"

#include <set>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/infra_files.h"

namespace shipcheck::checks {

std::vector<Result> K8sRule::run(const Context& ctx) const {
  return check(k8s::objects(ctx), ctx.config);
}

std::vector<Result> K8sRule::check(const k8s::Objects& objects, const Config& config) const {
  if (objects.files.empty()) {
    return {skip("no Kubernetes manifest found")};
  }
  if (objects.parsed.empty()) {
    return {skip(objects.files.size() == 1 ? "the Kubernetes manifest does not parse (see K8S001)"
                                           : "no Kubernetes manifest parses (see K8S001)")};
  }
  Tally tally;
  inspect(objects, config, tally);
  if (!tally.findings.empty()) {
    return std::move(tally.findings);
  }
  if (tally.checked == 0) {
    return {skip(tally.not_applicable.empty()
                     ? fmt::format("nothing to check in {}",
                                   count(objects.parsed.size(), "Kubernetes manifest"))
                     : tally.not_applicable)};
  }
  // "<what was checked>: <what holds> (<where>)", located on the file when there is one.
  if (objects.parsed.size() == 1) {
    const std::string& path = objects.parsed.front()->path;
    return {infra::at(pass(fmt::format("{} ({})", tally.passed, path)), path)};
  }
  return {pass(
      fmt::format("{} ({})", tally.passed, count(objects.parsed.size(), "Kubernetes manifest")))};
}

void K8sRule::each_container(
    const k8s::Objects& objects, Scope scope, Tally& tally, std::string_view what,
    const std::function<void(const k8s::Object&, const k8s::Container&)>& fn) const {
  std::set<const k8s::Object*> workloads;
  for (const k8s::Object* object : objects.workloads()) {
    if (scope == Scope::long_running && object->is_batch()) {
      continue;
    }
    for (const auto& container : object->containers) {
      const bool in_scope =
          scope == Scope::all ||
          (scope == Scope::resources && container.role != k8s::Container::Role::ephemeral) ||
          (scope == Scope::long_running && container.role == k8s::Container::Role::main);
      if (in_scope) {
        ++tally.checked;
        workloads.insert(object);
        fn(*object, container);
      }
    }
  }
  tally.passed = fmt::format("{} in {}: {}", count(tally.checked, "container"),
                             count(workloads.size(), "workload"), what);
  tally.not_applicable =
      scope == Scope::long_running
          ? "no container of a long-running workload (Deployment, StatefulSet, DaemonSet, "
            "ReplicaSet, Pod) in the manifests"
          : "no workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) "
            "with containers in the manifests";
}

void K8sRule::each_workload(const k8s::Objects& objects, Tally& tally, std::string_view what,
                            const std::function<void(const k8s::Object&)>& fn) const {
  for (const k8s::Object* object : objects.workloads()) {
    ++tally.checked;
    fn(*object);
  }
  tally.passed = fmt::format("{}: {}", count(tally.checked, "workload"), what);
  tally.not_applicable =
      "no workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) in the "
      "manifests";
}

Result K8sRule::at(Result r, const k8s::Object& object, int line, int column) {
  return infra::at(std::move(r), object.path(), line, column);
}

Result K8sRule::at(Result r, const k8s::Object& object) {
  return at(std::move(r), object, object.line, object.column);
}

Result K8sRule::at(Result r, const k8s::Object& object, const k8s::Container& container) {
  return at(std::move(r), object, container.line, container.column);
}

namespace {

// The position of the deepest key of `path` present under `map`, else `fallback`.
std::pair<int, int> deepest_key(const yaml::Node* map, std::initializer_list<std::string_view> path,
                                std::pair<int, int> fallback) {
  for (std::string_view key : path) {
    const auto* e = k8s::entry(map, key);
    if (e == nullptr) {
      break;
    }
    fallback = {e->key->line, e->key->column};
    map = e->value;
  }
  return fallback;
}

}  // namespace

Result K8sRule::at_path(Result r, const k8s::Object& object, const k8s::Container& container,
                        std::initializer_list<std::string_view> path) {
  const auto [line, column] = deepest_key(container.node, path, {container.line, container.column});
  return at(std::move(r), object, line, column);
}

Result K8sRule::at_pod_path(Result r, const k8s::Object& object,
                            std::initializer_list<std::string_view> path) {
  const auto [line, column] = deepest_key(object.pod_spec, path, {object.line, object.column});
  return at(std::move(r), object, line, column);
}

std::string count(std::size_t n, std::string_view singular, std::string_view plural) {
  if (n == 1) {
    return fmt::format("1 {}", singular);
  }
  return plural.empty() ? fmt::format("{} {}s", n, singular) : fmt::format("{} {}", n, plural);
}

std::string evidence(std::string_view key, const yaml::Node* value) {
  std::string text(key);
  if (value != nullptr && value->is_scalar()) {
    text += ": " + value->value;
  } else if (value != nullptr && value->is_null()) {
    text += ":";
  }
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  if (text.size() > 120) {
    text = text.substr(0, 117) + "...";
  }
  return text;
}

}  // namespace shipcheck::checks
