// CMP009: compose images are pinned to a tag other than latest, or to a digest.
#include "checks/compose/images_pinned.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {

ComposeImagesPinned::ComposeImagesPinned()
    : ComposeRule(RuleInfo{"CMP009", "compose", "Compose images are pinned", Severity::high,
                           "pin each image to a version tag (postgres:16.2) or, better, a digest "
                           "(postgres:16.2@sha256:...)"}) {}

// A service with `build:` runs what it builds; its `image:` only names the result, and the
// DKR rules judge its Dockerfile's base image.
bool ComposeImagesPinned::applies(const File& /*file*/, const Service& service) const {
  const Node* image = service.node->get("image");
  return image != nullptr && image->is_scalar() && service.node->get("build") == nullptr;
}

std::string ComposeImagesPinned::out_of_scope() const {
  return "no service pulls an image (every service is built with `build:`)";
}

void ComposeImagesPinned::inspect(const File& file, const Service& service,
                                  std::vector<Result>& out) const {
  const Node* image = service.node->get("image");
  const std::string_view ref = image->value;
  // A digest pins whatever the tag says; a variable is set elsewhere and cannot be judged.
  if (ref.find('@') != std::string_view::npos || ref.find("${") != std::string_view::npos) {
    return;
  }
  const std::size_t slash = ref.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? ref : ref.substr(slash + 1);
  const std::size_t colon = last.find(':');
  const std::string_view tag = colon == std::string_view::npos ? "" : last.substr(colon + 1);
  if (!tag.empty() && tag != "latest") {
    return;
  }
  const std::string message =
      tag.empty() ? fmt::format("service '{}' uses image '{}' without a tag (latest)", service.name,
                                ref.substr(0, 80))
                  : fmt::format("service '{}' uses image '{}' with the latest tag", service.name,
                                ref.substr(0, 80));
  out.push_back(finding(file, service, image, message, evidence("image", image)));
}

}  // namespace shipcheck::checks::compose
