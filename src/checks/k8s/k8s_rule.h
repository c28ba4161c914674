// K8sRule: the shared shape of the K8S checks. run() takes the run's objects
// (k8s::objects(ctx)) and hands them to check(); a rule implements inspect() — its findings,
// and how many things it looked at — and the base turns "no findings" into ONE pass saying
// what was checked and "nothing to check" into ONE skip. Files that did not parse never
// reach a rule (K8S001 reports them).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/k8s/objects.h"
#include "config/config.h"
#include "core/check.h"

namespace shipcheck::checks {

class K8sRule : public Check {
 public:
  using Check::Check;

  std::vector<Result> run(const Context& ctx) const final;

  // The rule over an object set (public so that tests can call it on parsed fixtures).
  // K8S001 overrides it to see broken files.
  virtual std::vector<Result> check(const k8s::Objects& objects, const Config& config) const;

 protected:
  // What inspect() reports back to check().
  struct Tally {
    std::vector<Result> findings;  // fail/warn results, located
    std::size_t checked = 0;       // subjects looked at (containers, Deployments, ...)
    std::string passed;            // the pass message, said when there are no findings
    std::string not_applicable;    // the skip reason, said when checked == 0
  };

  virtual void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const = 0;

  // Which containers a per-container rule looks at.
  enum class Scope {
    all,          // containers, initContainers, ephemeralContainers
    resources,    // containers and initContainers (ephemeral ones take no resources)
    long_running  // containers of workloads other than Job/CronJob
  };
  // Calls `fn` on each container in `scope`, counting them in tally.checked, and sets
  // the pass message ("<n> containers in <m> workloads: <what>") and the skip reason.
  void each_container(
      const k8s::Objects& objects, Scope scope, Tally& tally, std::string_view what,
      const std::function<void(const k8s::Object&, const k8s::Container&)>& fn) const;

  // Calls `fn` on each workload, counting them, and sets the pass message ("<n> workloads: <what>")
  // and the skip reason.
  void each_workload(const k8s::Objects& objects, Tally& tally, std::string_view what,
                     const std::function<void(const k8s::Object&)>& fn) const;

  // `r` located at line:column of `object`'s file.
  static Result at(Result r, const k8s::Object& object, int line, int column);
  // `r` located at the object's `kind:` key.
  static Result at(Result r, const k8s::Object& object);
  // `r` located at the container's `name:` key.
  static Result at(Result r, const k8s::Object& object, const k8s::Container& container);
  // `r` located at the deepest key of `path` present under the container's map
  // ({"resources", "limits"}: at `limits:`, else at `resources:`), else at the container.
  static Result at_path(Result r, const k8s::Object& object, const k8s::Container& container,
                        std::initializer_list<std::string_view> path);
  // The same under the workload's pod spec, else at the object's `kind:`.
  static Result at_pod_path(Result r, const k8s::Object& object,
                            std::initializer_list<std::string_view> path);
};

// "1 container" / "3 containers".
std::string count(std::size_t n, std::string_view singular, std::string_view plural = {});
// Source text of a short scalar for evidence: "key: value", at most 120 characters.
std::string evidence(std::string_view key, const yaml::Node* value);

}  // namespace shipcheck::checks
