// `shipcheck import`'s plan: what becomes of each checklist item (a rule, a command check
// or a manual item) and its three renderings (shipcheck.yaml entries, JSON, --explain).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engines/checklist/checklist.h"
#include "engines/checklist/matcher.h"

namespace shipcheck::cli {

enum class Decision { rule, command, manual };

struct PlannedItem {
  const checklist::Item* item = nullptr;
  Decision decision = Decision::manual;
  std::vector<checklist::PhraseMatch> matches;  // best first; empty unless decision == rule
  std::vector<std::string> commands;            // the item's shell code blocks
};

struct ImportPlan {
  std::string source;  // the checklist's name as given, for "source: FILE:LINE"
  std::vector<PlannedItem> items;
  int rules = 0;
  int commands = 0;
  int manual = 0;
};

// The matcher over every embedded rule page's "## Phrases".
checklist::Matcher catalog_matcher();

// Sign-off items are manual (a person must approve them); otherwise a rule when a phrase
// matched, a command check when the item carries shell code, else manual.
ImportPlan plan_import(const checklist::Checklist& list, const checklist::Matcher& matcher,
                       std::string source);

std::string_view decision_name(Decision decision);

// "N items: R mapped to rules, C command checks, M manual".
std::string coverage_line(const ImportPlan& plan);

// shipcheck.yaml text: a header with the coverage, the `checklist:` link (with the rules of
// each rule-mapped item), disabled `commands:` entries, and a `manual:` entry per manual item.
std::string render_yaml(const ImportPlan& plan);
// render_yaml's sections without their keys, for `import --merge`: `checklist` is the whole
// section; `commands` and `manual` are their entries ("  - ..." lines), empty when there are
// none. Ids are made unique against `used` (ids already taken), which receives the new ones.
// An item already in the config gives no entry: one whose "FILE:LINE" is in `known.sources`
// (imported before), or whose text, lower-cased, is in `known.titles` (written by hand).
struct YamlParts {
  std::string checklist;
  std::string commands;
  std::string manual;
};
struct KnownItems {
  std::set<std::string> sources;
  std::set<std::string> titles;
};
YamlParts render_yaml_parts(const ImportPlan& plan, std::set<std::string>& used,
                            const KnownItems& known);
// The comment line(s) above each section, ending in a newline.
std::string_view checklist_comment();
std::string_view commands_comment();
std::string_view manual_comment();

// The contract: {"items": [{text, section, source_line, decision, rules}], "summary"}.
std::string render_json(const ImportPlan& plan);
// One line per item: line, text → decision, and why.
std::string render_explain(const ImportPlan& plan);

// A config id from an item's text: lower case, runs of other characters → '-', at most
// 40 characters, "item" when nothing is left.
std::string slug(std::string_view text);

}  // namespace shipcheck::cli
