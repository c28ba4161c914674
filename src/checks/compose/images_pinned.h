// CMP009: every image is pinned to a tag or digest. Rule page: docs/rules/CMP009.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeImagesPinned final : public ComposeRule {
 public:
  ComposeImagesPinned();

 protected:
  bool applies(const File& file, const Service& service) const override;
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "every image is pinned to a tag or digest"; }
  std::string out_of_scope() const override;
};

}  // namespace shipcheck::checks::compose
