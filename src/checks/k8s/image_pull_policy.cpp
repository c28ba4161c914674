// K8S014: imagePullPolicy is not Never, and not IfNotPresent for a mutable (latest or
// untagged) image.
#include "checks/k8s/image_pull_policy.h"

#include <fmt/format.h>

#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks {

K8sImagePullPolicy::K8sImagePullPolicy()
    : K8sRule(RuleInfo{"K8S014", "kubernetes", "imagePullPolicy suits the image reference",
                       Severity::low,
                       "leave imagePullPolicy unset (Kubernetes picks Always for :latest and "
                       "IfNotPresent for a version), or set IfNotPresent with a pinned image; "
                       "never Never"}) {}

void K8sImagePullPolicy::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                 Tally& tally) const {
  each_container(
      objects, Scope::all, tally, "every imagePullPolicy suits its image",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const std::string_view policy = k8s::scalar(container.node, "imagePullPolicy");
        if (policy.empty() || policy == "Always") {
          return;
        }
        const std::string who = k8s::subject(object, container);
        std::string message;
        if (policy == "Never") {
          message = fmt::format(
              "{}: imagePullPolicy: Never (the pod cannot start on a node without the image)", who);
        } else if (policy == "IfNotPresent") {
          const std::string_view image = k8s::scalar(container.node, "image");
          const dockerfile::ImageRef ref = dockerfile::parse_image(image);
          if (image.empty() || image.starts_with('$') || !ref.digest.empty() ||
              (!ref.tag.empty() && ref.tag != "latest")) {
            return;
          }
          message = fmt::format(
              "{}: imagePullPolicy: IfNotPresent with the mutable image {} (each node keeps "
              "whichever version it pulled first)",
              who, image);
        } else {
          message = fmt::format("{}: imagePullPolicy: {} is not Always, IfNotPresent or Never", who,
                                policy);
        }
        tally.findings.push_back(at_path(
            fail(message, evidence("imagePullPolicy", k8s::get(container.node, "imagePullPolicy"))),
            object, container, {"imagePullPolicy"}));
      });
}

}  // namespace shipcheck::checks
