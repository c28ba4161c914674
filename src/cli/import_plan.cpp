// Deciding and rendering `shipcheck import`'s items; see import_plan.h.
#include "cli/import_plan.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/rule_docs.h"
#include "core/text.h"

namespace shipcheck::cli {
namespace {

constexpr std::size_t k_max_slug = 40;

std::vector<std::string> shell_commands(const checklist::Item& item) {
  std::vector<std::string> out;
  for (const auto& block : item.code) {
    // A block of blanks (and control characters, which render_run drops) has nothing to
    // run: the item is not a command for it.
    const bool has_text = std::any_of(block.text.begin(), block.text.end(), [](char c) {
      return static_cast<unsigned char>(c) > 0x20 && c != 0x7f;
    });
    if (checklist::is_shell(block) && has_text) {
      out.push_back(block.text);
    }
  }
  return out;
}

std::string section_of(const checklist::Item& item) {
  return fmt::format("{}", fmt::join(item.headings, " > "));
}

std::vector<std::string> rule_ids(const PlannedItem& planned) {
  std::vector<std::string> ids;
  for (const auto& match : planned.matches) {
    ids.push_back(match.rule);
  }
  return ids;
}

// A YAML double-quoted scalar. `${` becomes `$${` because the config loader expands
// ${VAR} in every value, and an item's text is not a variable reference.
std::string yaml_quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      out += "$$";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Text for a YAML comment: one line, whatever the item held.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return out;
}

// Ids unique within the file: a repeat gets -2, -3, … and stays within the 40 characters.
std::string unique_id(std::string_view text, std::set<std::string>& used) {
  const std::string base = slug(text);
  std::string id = base;
  for (int n = 2; !used.insert(id).second; ++n) {
    const std::string suffix = fmt::format("-{}", n);
    std::string stem = base.substr(0, k_max_slug - suffix.size());
    while (stem.size() > 1 && stem.back() == '-') {
      stem.pop_back();
    }
    id = stem + suffix;
  }
  return id;
}

// Text for a manual item's or a command's `source:`.
std::string source_of(const ImportPlan& plan, const PlannedItem& planned) {
  return fmt::format("{}:{}", one_line(plan.source), planned.item->line);
}

// A line of a command for a YAML block scalar: control characters other than tab are not
// allowed there, and a command never needs them.
std::string block_line(std::string_view line) {
  std::string out;
  for (const char c : line) {
    if (c == '\t' || static_cast<unsigned char>(c) >= 0x20) {
      out += c == 0x7f ? '?' : c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  return out;
}

// `run: |` and the item's shell blocks, one after another, at six spaces. When the first line
// is itself indented, YAML would take its indentation for the block's, so the indentation is
// then given explicitly (|2: two more than the entry's keys).
void render_run(const PlannedItem& planned, std::string& out) {
  std::vector<std::string> lines;
  for (const auto& command : planned.commands) {
    for (const auto& line : split(command, '\n')) {
      lines.push_back(block_line(line));
    }
  }
  while (!lines.empty() && lines.back().empty()) {
    lines.pop_back();
  }
  const auto first =
      std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return !l.empty(); });
  const bool indented = first != lines.end() && (first->front() == ' ' || first->front() == '\t');
  out += indented ? "    run: |2\n" : "    run: |\n";
  for (const auto& line : lines) {
    out += line.empty() ? "\n" : "      " + line + "\n";
  }
}

const char* const k_checklist_comment =
    "# The checklist these entries came from; the Markdown report (--format markdown)\n"
    "# shows it ticked. Items mapped to rules: those rules run anyway in `shipcheck run`.\n";
const char* const k_commands_comment =
    "# Command checks (CMD001) from the checklist's shell blocks. They are off: read each\n"
    "# one, then set enabled: true to have `shipcheck run` run it (passes on exit 0).\n";
const char* const k_manual_comment =
    "# Manual items: a person confirms each with `shipcheck signoff ID --by NAME`.\n";

}  // namespace

YamlParts render_yaml_parts(const ImportPlan& plan, std::set<std::string>& used,
                            const KnownItems& known) {
  YamlParts parts;
  parts.checklist = fmt::format("checklist:\n  source: {}\n", yaml_quote(plan.source));
  if (plan.rules > 0) {
    parts.checklist += "  rules:\n";
  }
  for (const auto& planned : plan.items) {
    const std::string source = source_of(plan, planned);
    if (planned.decision == Decision::rule) {
      parts.checklist +=
          fmt::format("    - {{line: {}, title: {}, rules: [{}]}}\n", planned.item->line,
                      yaml_quote(one_line(planned.item->text)), fmt::join(rule_ids(planned), ", "));
    } else if (known.sources.count(source) != 0 ||
               known.titles.count(to_lower(one_line(planned.item->text))) != 0) {
      continue;
    } else if (planned.decision == Decision::command) {
      parts.commands += fmt::format(
          "  - id: {}\n    title: {}\n    source: {}\n    enabled: false\n    timeout: 2m\n",
          unique_id(planned.item->text, used), yaml_quote(one_line(planned.item->text)),
          yaml_quote(source));
      render_run(planned, parts.commands);
    } else {
      parts.manual += fmt::format("  - {{id: {}, title: {}, source: {}, required: true}}\n",
                                  unique_id(planned.item->text, used),
                                  yaml_quote(planned.item->text), yaml_quote(source));
    }
  }
  return parts;
}

std::string_view checklist_comment() {
  return k_checklist_comment;
}
std::string_view commands_comment() {
  return k_commands_comment;
}
std::string_view manual_comment() {
  return k_manual_comment;
}

checklist::Matcher catalog_matcher() {
  std::vector<checklist::RulePhrases> catalog;
  for (const auto& doc : rule_docs()) {
    catalog.push_back({std::string(doc.id), checklist::parse_phrases(doc.markdown)});
  }
  return checklist::Matcher(std::move(catalog));
}

ImportPlan plan_import(const checklist::Checklist& list, const checklist::Matcher& matcher,
                       std::string source) {
  ImportPlan plan;
  plan.source = std::move(source);
  for (const auto& item : list.items) {
    PlannedItem planned{&item, Decision::manual, {}, shell_commands(item)};
    if (item.kind != checklist::Kind::signoff) {
      planned.matches = matcher.match(item);
      if (!planned.matches.empty()) {
        planned.decision = Decision::rule;
      } else if (!planned.commands.empty()) {
        planned.decision = Decision::command;
      }
    }
    plan.rules += planned.decision == Decision::rule;
    plan.commands += planned.decision == Decision::command;
    plan.manual += planned.decision == Decision::manual;
    plan.items.push_back(std::move(planned));
  }
  return plan;
}

std::string_view decision_name(Decision decision) {
  switch (decision) {
    case Decision::rule:
      return "rule";
    case Decision::command:
      return "command";
    case Decision::manual:
      break;
  }
  return "manual";
}

std::string coverage_line(const ImportPlan& plan) {
  return fmt::format("{} items: {} mapped to rules, {} command checks, {} manual",
                     plan.items.size(), plan.rules, plan.commands, plan.manual);
}

std::string render_yaml(const ImportPlan& plan) {
  std::string out =
      fmt::format("# shipcheck.yaml entries imported from {} by `shipcheck import`.\n# {}.\n",
                  one_line(plan.source), coverage_line(plan));
  std::set<std::string> used;
  const YamlParts parts = render_yaml_parts(plan, used, {});
  out += fmt::format("\n{}{}", k_checklist_comment, parts.checklist);
  if (!parts.commands.empty()) {
    out += fmt::format("\n{}commands:\n{}", k_commands_comment, parts.commands);
  }
  if (!parts.manual.empty()) {
    out += fmt::format("\n{}manual:\n{}", k_manual_comment, parts.manual);
  }
  return out;
}

std::string render_json(const ImportPlan& plan) {
  auto items = nlohmann::json::array();
  for (const auto& planned : plan.items) {
    auto matches = nlohmann::json::array();
    for (const auto& match : planned.matches) {
      matches.push_back(
          {{"rule", match.rule}, {"phrase", match.phrase}, {"confidence", match.confidence}});
    }
    items.push_back({{"text", planned.item->text},
                     {"section", section_of(*planned.item)},
                     {"source_line", planned.item->line},
                     {"decision", decision_name(planned.decision)},
                     {"rules", rule_ids(planned)},
                     {"matches", matches},
                     {"commands", planned.commands},
                     {"signoff", planned.item->kind == checklist::Kind::signoff}});
  }
  const nlohmann::json doc{{"source", plan.source},
                           {"items", items},
                           {"summary",
                            {{"items", plan.items.size()},
                             {"rules", plan.rules},
                             {"commands", plan.commands},
                             {"manual", plan.manual}}}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_explain(const ImportPlan& plan) {
  std::string out;
  for (const auto& planned : plan.items) {
    const auto& item = *planned.item;
    std::string why;
    if (planned.decision == Decision::rule) {
      std::vector<std::string> parts;
      for (const auto& match : planned.matches) {
        parts.push_back(
            fmt::format("{} (\"{}\", {:.2f})", match.rule, match.phrase, match.confidence));
      }
      why = fmt::format("{}", fmt::join(parts, ", "));
    } else if (item.kind == checklist::Kind::signoff) {
      why = "a sign-off: a person approves it";
    } else if (planned.decision == Decision::command) {
      why = fmt::format("no rule phrase matched; {} shell block(s)", planned.commands.size());
    } else {
      why = "no rule phrase matched";
    }
    out += fmt::format("{}:{} {} -> {}: {}\n", one_line(plan.source), item.line,
                       one_line(item.text), decision_name(planned.decision), why);
  }
  return out + coverage_line(plan) + "\n";
}

std::string slug(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u) != 0) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > k_max_slug) {
    // Cut at a word boundary when one is near, so the id stays readable.
    const std::size_t dash = out.rfind('-', k_max_slug);
    out.resize(dash != std::string::npos && dash >= k_max_slug / 2 ? dash : k_max_slug);
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out.empty() ? "item" : out;
}

}  // namespace shipcheck::cli
