// `shipcheck rules`: the rule catalog, as a table or JSON.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/registry.h"

namespace shipcheck::cli {

int rules_command(const Args& args) {
  CLI::App app{"shipcheck rules: list the rule catalog", "shipcheck rules"};
  std::string format = "text";
  app.add_option("--format,-f", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  Registry registry;
  register_all(registry);
  std::vector<const RuleInfo*> infos;
  for (const auto& check : registry.checks()) {
    infos.push_back(&check->info());
  }
  std::sort(infos.begin(), infos.end(), [](auto* a, auto* b) { return a->id < b->id; });
  if (format == "json") {
    nlohmann::json rules = nlohmann::json::array();
    for (const RuleInfo* rule : infos) {
      const RuleInfo& info = *rule;
      rules.push_back({{"rule", info.id},
                       {"family", info.family},
                       {"severity", to_string(info.severity)},
                       {"title", info.title}});
    }
    std::cout << nlohmann::json{{"rules", rules}}.dump(2) << '\n';
    return k_exit_ok;
  }
  for (const RuleInfo* rule : infos) {
    const RuleInfo& info = *rule;
    fmt::print("{:<7} {:<8} {:<8} {}\n", info.id, info.family, to_string(info.severity),
               info.title);
  }
  fmt::print("\n{} rules; 'shipcheck explain ID' shows one rule's page\n",
             registry.checks().size());
  return k_exit_ok;
}

}  // namespace shipcheck::cli
