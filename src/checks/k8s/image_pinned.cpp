// K8S013: every container's image is pinned: a tag other than `latest`, or a digest.
#include "checks/k8s/image_pinned.h"

#include <fmt/format.h>

#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks {

K8sImagePinned::K8sImagePinned()
    : K8sRule(RuleInfo{"K8S013", "kubernetes", "Container images are pinned", Severity::high,
                       "name an immutable version: image: registry/app:1.4.2 (or "
                       "@sha256:<digest>), never :latest or no tag"}) {}

void K8sImagePinned::inspect(const k8s::Objects& objects, const Config& /*config*/,
                             Tally& tally) const {
  each_container(
      objects, Scope::all, tally, "every image is pinned to a version tag or a digest",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const std::string_view image = k8s::scalar(container.node, "image");
        const std::string who = k8s::subject(object, container);
        if (image.empty()) {
          tally.findings.push_back(at(fail(fmt::format("{}: no image", who)), object, container));
          return;
        }
        // Filled in by a pipeline (envsubst, kustomize, a CD tool): not ours to judge.
        if (image.starts_with('$') || image.starts_with("{{")) {
          return;
        }
        const dockerfile::ImageRef ref = dockerfile::parse_image(image);
        if (!ref.digest.empty() || (!ref.tag.empty() && ref.tag != "latest")) {
          return;
        }
        const std::string message =
            ref.tag.empty() ? fmt::format("{}: image {} has no tag (it means latest)", who, image)
                            : fmt::format("{}: image {} uses the mutable tag latest", who, image);
        tally.findings.push_back(
            at_path(fail(message, evidence("image", k8s::get(container.node, "image"))), object,
                    container, {"image"}));
      });
}

}  // namespace shipcheck::checks
