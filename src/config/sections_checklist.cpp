// The sections `shipcheck import` writes besides manual items: commands (CMD001) and the
// checklist link the Markdown report reads.
#include <set>

#include <fmt/format.h>

#include "config/sections.h"
#include "config/values.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

const Shape k_rule_id_shape{is_rule_id, "a rule id", "rule ids look like HDR004"};

const std::vector<Field<CommandCheck>> k_command_fields{
    {"id",
     [](R& r, const N& n, const P& p, CommandCheck& o) { r.read(o.id, n, p, k_item_id_shape); }},
    {"title", [](R& r, const N& n, const P& p, CommandCheck& o) { r.read(o.title, n, p); }},
    {"source", [](R& r, const N& n, const P& p, CommandCheck& o) { r.read(o.source, n, p); }},
    // Literal: `$VAR` in a command is the shell's to expand, when it runs, not ours.
    {"run",
     [](R& r, const N& n, const P& p, CommandCheck& o) {
       if (const auto value = r.literal(n, p)) {
         o.run = value->value;
       }
     }},
    {"timeout", [](R& r, const N& n, const P& p,
                   CommandCheck& o) { r.read(o.timeout, n, p, k_duration_shape); }},
    {"enabled", [](R& r, const N& n, const P& p, CommandCheck& o) { r.read(o.enabled, n, p); }},
};

const std::vector<Field<ChecklistRuleItem>> k_rule_item_fields{
    {"line", [](R& r, const N& n, const P& p,
                ChecklistRuleItem& o) { r.read(o.line, n, p, 1, k_int_max); }},
    {"title", [](R& r, const N& n, const P& p, ChecklistRuleItem& o) { r.read(o.title, n, p); }},
    {"rules", [](R& r, const N& n, const P& p,
                 ChecklistRuleItem& o) { r.read(o.rules, n, p, &k_rule_id_shape); }},
};

void read_rule_items(R& r, const N& node, const P& path, ChecklistLink& out) {
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    ChecklistRuleItem entry;
    read_fields(r, item, item_path, k_rule_item_fields, entry);
    if (!r.failed() && (entry.line == 0 || entry.rules.empty())) {
      r.fail(item, "checklist rule item needs a 'line' and its 'rules'",
             "e.g. {line: 64, rules: [DOC001]}");
      return;
    }
    out.rules.push_back(std::move(entry));
  });
}

const std::vector<Field<ChecklistLink>> k_checklist_fields{
    {"source", [](R& r, const N& n, const P& p, ChecklistLink& o) { r.read(o.source, n, p); }},
    {"rules", read_rule_items},
};

}  // namespace

void read_commands(R& r, const N& node, const P& path, Config& out) {
  std::set<std::string> ids;
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    CommandCheck command;
    read_fields(r, item, item_path, k_command_fields, command);
    if (r.failed()) {
      return;
    }
    if (!item.IsMap() || command.id.empty() || command.run.empty()) {
      r.fail(item, "command check needs an 'id' and the command to 'run'",
             "e.g. {id: unit-tests, run: \"pytest -q\"}");
      return;
    }
    if (!ids.insert(command.id).second) {
      r.fail(item, fmt::format("duplicate command id '{}'", command.id));
      return;
    }
    if (command.title.empty()) {
      command.title = command.id;
    }
    out.commands.push_back(std::move(command));
  });
}

void read_checklist(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_checklist_fields, out.checklist);
}

}  // namespace shipcheck::config
