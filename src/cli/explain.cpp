// `shipcheck explain RULE`: prints the rule's page (embedded docs/rules/<ID>.md).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/rule_docs.h"
#include "core/text.h"

namespace shipcheck::cli {

int explain_command(const Args& args) {
  CLI::App app{"shipcheck explain: print one rule's documentation", "shipcheck explain"};
  std::string id;
  app.add_option("rule", id, "rule id, e.g. ENV004")->required();
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  std::vector<std::string> ids;
  for (const auto& doc : rule_docs()) {
    if (iequals(doc.id, id)) {
      fmt::print("{}", doc.markdown);
      return k_exit_ok;
    }
    ids.emplace_back(doc.id);
  }
  const auto near = closest(id, ids);
  fmt::print(stderr, "shipcheck explain: unknown rule '{}'{}\n", id,
             near.empty() ? "; 'shipcheck rules' lists them"
                          : fmt::format("; did you mean {}?", fmt::join(near, ", ")));
  return k_exit_usage;
}

}  // namespace shipcheck::cli
