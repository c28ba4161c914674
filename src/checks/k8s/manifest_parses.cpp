// K8S001: every manifest parses, and every document in it is a Kubernetes object.
#include "checks/k8s/manifest_parses.h"

#include <fmt/format.h>

#include "checks/infra_files.h"
#include "core/fingerprint.h"

namespace shipcheck::checks {

K8sManifestParses::K8sManifestParses()
    : K8sRule(RuleInfo{"K8S001", "kubernetes",
                       "Kubernetes manifests parse and every document is an object", Severity::high,
                       "fix the YAML at the location shown; every document needs apiVersion and "
                       "kind (kubectl apply rejects the whole file otherwise)"}) {}

std::vector<Result> K8sManifestParses::check(const k8s::Objects& objects,
                                             const Config& /*config*/) const {
  if (objects.files.empty()) {
    return {skip("no Kubernetes manifest found")};
  }
  std::vector<Result> out;
  for (const infra::YamlSource* source : objects.files) {
    if (!source->error) {
      continue;
    }
    const ParseError& e = *source->error;
    Result r = infra::at(fail(fmt::format("{} does not parse: {}", source->path, e.message),
                              e.hint.empty() ? std::string{} : "hint: " + e.hint),
                         source->path, e.line, e.column);
    // The parser's message may carry positions; the finding is "this file is broken".
    r.fingerprint = make_fingerprint(info().id, source->path, "parse error");
    out.push_back(std::move(r));
  }
  for (const auto& problem : objects.problems) {
    out.push_back(infra::at(fail(fmt::format("{}: {}", problem.path, problem.message)),
                            problem.path, problem.line, problem.column));
  }
  if (!out.empty()) {
    return out;
  }
  const std::string passed =
      fmt::format("{}: every document is an object", count(objects.objects.size(), "object"));
  if (objects.files.size() == 1) {
    const std::string& path = objects.files.front()->path;
    return {infra::at(pass(fmt::format("{} ({})", passed, path)), path)};
  }
  return {pass(fmt::format("{} ({})", passed, count(objects.files.size(), "Kubernetes manifest")))};
}

void K8sManifestParses::inspect(const k8s::Objects& /*objects*/, const Config& /*config*/,
                                Tally& /*tally*/) const {}

}  // namespace shipcheck::checks
