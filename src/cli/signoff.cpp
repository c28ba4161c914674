// `shipcheck signoff ITEM --by NAME [--note T] [--commit]`: records a person's sign-off of a
// manual item of shipcheck.yaml in the project's history. `run` then counts the item as
// passed while the sign-off is valid (the item's valid_for; with --commit, only for HEAD).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "engines/git/repo.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

struct SignoffFlags {
  std::string item;
  std::string by;
  std::string note;
  bool commit = false;
  std::string dir = ".";
  std::string config;
};

const ManualItem* find_item(const Config& config, const std::string& id) {
  for (const auto& item : config.manual) {
    if (item.id == id) {
      return &item;
    }
  }
  return nullptr;
}

std::string known_items(const Config& config) {
  std::vector<std::string> ids;
  for (const auto& item : config.manual) {
    ids.push_back(item.id);
  }
  return ids.empty() ? "the config has no manual: items"
                     : fmt::format("its manual items: {}", fmt::join(ids, ", "));
}

}  // namespace

int signoff_command(const Args& args) {
  CLI::App app{"shipcheck signoff: record a human sign-off for a manual item", "shipcheck signoff"};
  SignoffFlags f;
  app.add_option("item", f.item, "the manual item's id (manual: in shipcheck.yaml)")->required();
  app.add_option("--by", f.by, "who signs it off")->required();
  app.add_option("--note", f.note, "what was checked, a ticket, a link");
  app.add_flag("--commit", f.commit, "vouch for the current commit only (HEAD)");
  app.add_option("--dir,-C", f.dir, "project directory (default: .)");
  app.add_option("--config", f.config, "config file (default: shipcheck.yaml in DIR or above)");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto config = resolve_config_in(f.dir, f.config);
  if (!config) {
    fmt::print(stderr, "shipcheck signoff: {}\n", config.error().to_string());
    return k_exit_usage;
  }
  const ManualItem* item = find_item(*config, f.item);
  if (item == nullptr || f.by.find_first_not_of(" \t") == std::string::npos) {
    fmt::print(stderr, "shipcheck signoff: {}\n",
               item == nullptr
                   ? fmt::format("no manual item '{}' ({})", f.item, known_items(*config))
                   : std::string("--by needs a name"));
    return k_exit_usage;
  }
  store::SignoffRow row{0, config->service, item->id, f.by, now_rfc3339(), f.note, ""};
  if (f.commit) {
    row.commit = git::head_commit_or_empty(config->root);
    if (row.commit.empty()) {
      fmt::print(stderr, "shipcheck signoff: --commit needs a git repository with a commit\n");
      return k_exit_usage;
    }
  }
  auto db = store::open_history(store::history_location(*config), store::Access::write);
  if (!db) {
    fmt::print(stderr, "shipcheck signoff: {}\n", db.error());
    return k_exit_internal;
  }
  try {
    (*db)->record_signoff(row);
  } catch (const std::exception& e) {
    fmt::print(stderr, "shipcheck signoff: {}\n", e.what());
    return k_exit_internal;
  }
  fmt::print("signed off '{}' ({}) by {} at {}{}{}\n", item->id, item->title, row.signed_by,
             row.signed_at, row.commit.empty() ? "" : ", for commit " + row.commit.substr(0, 7),
             item->valid_for.empty() ? "" : ", valid for " + item->valid_for);
  return k_exit_ok;
}

}  // namespace shipcheck::cli
