// The team's own checklist, as the Markdown report shows it: each item with what it became
// in shipcheck.yaml (rules, a manual item, a command). The CLI builds it from the config's
// `checklist:` link and the document itself; reporters only read it.
#pragma once

#include <string>
#include <vector>

namespace shipcheck::report {

struct ChecklistLine {
  std::vector<std::string> headings;  // from the document's title down to the item
  std::string text;
  int line = 0;
  int depth = 0;                   // 0 = top level
  std::vector<std::string> rules;  // the rules it was mapped to
  std::string manual_id;           // the manual item it became
  std::string command_id;          // the command (CMD001, target "command:ID") it became
};

struct ChecklistView {
  std::string source;  // the checklist's path, as the config names it
  std::vector<ChecklistLine> items;
};

}  // namespace shipcheck::report
