// The Markdown report's view of the team's checklist: the document the config's
// `checklist:` names, parsed again, each item joined to what `import` made of it (the
// config's rule list, manual items and commands name the item's line).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "report/checklist_view.h"

namespace shipcheck::cli {

// nullopt when the config links no checklist, or when it cannot be read or parsed: then
// `notices` gets why, and the report lists shipcheck's results instead.
std::optional<report::ChecklistView> checklist_view(const Config& config,
                                                    std::vector<std::string>& notices);

}  // namespace shipcheck::cli
