// The rule pages, embedded at build time (cmake/embed_docs.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace shipcheck::cli {

struct RuleDoc {
  std::string_view id;
  std::string_view markdown;
};

const std::vector<RuleDoc>& rule_docs();

}  // namespace shipcheck::cli
