// libFuzzer target for `shipcheck import`'s output and `--merge`: whatever checklist comes
// in, the YAML written for it loads with the config loader, and merging it into a fixed
// config gives a file that loads. Merging into the input itself (when it loads) must not
// crash and must give a reason when it refuses; its result may not load, since yaml-cpp
// reads some malformed files leniently (a key's plain value continued at column 0), which
// `import` catches by loading the result before writing it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/import_merge.h"
#include "cli/import_plan.h"
#include "config/loader.h"

namespace {

using namespace shipcheck;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

std::optional<std::string> no_env(std::string_view) {
  return std::nullopt;
}

tl::expected<Config, ParseError> load(std::string_view text) {
  return config::load_config_text(text, "shipcheck.yaml", "/srv/app", no_env);
}

// Merging into `existing` (which loads) gives a reason or a file, which must load when
// `must_load`.
void check_merge(std::string_view existing, const cli::ImportPlan& plan, bool must_load) {
  const auto config = load(existing);
  if (!config) {
    return;
  }
  const auto merged = cli::merge_import(existing, *config, plan);
  if (merged) {
    require(!must_load || load(*merged).has_value());
  } else {
    require(!merged.error().empty());
  }
}

const checklist::Matcher& matcher() {
  static const checklist::Matcher m = cli::catalog_matcher();
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer API
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto list = checklist::parse_checklist(text, "DEPLOY.md");
  if (list) {
    const cli::ImportPlan plan = cli::plan_import(*list, matcher(), "DEPLOY.md");
    require(load(cli::render_yaml(plan)).has_value());
    check_merge("service: app\n# ours\nmanual:\n- id: notify-team\n  title: Notify\n", plan, true);
  }
  // The input as the config merged into, with a small checklist of each kind of item.
  static const auto small = checklist::parse_checklist(
      "# R\n\n- [ ] Set DEBUG=false\n- [ ] Call ops\n- [ ] Build\n\n  ```sh\n  make\n  ```\n",
      "DEPLOY.md");
  static const cli::ImportPlan small_plan = cli::plan_import(*small, matcher(), "DEPLOY.md");
  check_merge(text, small_plan, false);
  return 0;
}
