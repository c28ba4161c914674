// `shipcheck import --merge`: the imported entries written into an existing shipcheck.yaml
// as text, so its comments, order and formatting stay as the team wrote them.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cli/import_plan.h"
#include "config/config.h"

namespace shipcheck::cli {

// `text` (the file as it is; `existing` is it loaded) with the plan merged in:
// - new manual items and commands appended to the existing `manual:` / `commands:` lists,
//   at their indentation (or as new sections at the end); an item whose FILE:LINE or title
//   a manual item or command already has is left out, so importing again adds only what is
//   new;
// - the `checklist:` section replaced (it is import's own) or added.
// Errors: a `manual:` or `commands:` written as an inline list with entries.
tl::expected<std::string, std::string> merge_import(std::string_view text, const Config& existing,
                                                    const ImportPlan& plan);

}  // namespace shipcheck::cli
