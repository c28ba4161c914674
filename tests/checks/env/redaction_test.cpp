// The whole env family on an env file full of planted secrets: none may leak.
#include <set>

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"
#include "checks/families.h"

namespace shipcheck::test {
namespace {

TEST(EnvFamilyRedaction, NoRuleShowsAPlantedSecret) {
  const std::vector<std::string> planted = {"q8Zr2LwX9vKp3MnT7bYc", "Pa55-w0rd-Planted-77",
                                            "tok_5f4dcc3b5aa765d61d83"};
  EnvProject project(
      "SECRET_KEY=" + planted[0] + "\nDB_PASSWORD=" + planted[1] + "\nGITHUB_TOKEN=" + planted[2] +
      "\nDATABASE_URL=postgresql://u:" + planted[1] +
      "@db/app\nCORS_ORIGINS=https://u:" + planted[1] + "@app.example.com,http://u:" + planted[1] +
      "@x.example.com\nDEBUG=" + planted[0] + "\n");
  Registry registry;
  checks::register_env(registry);
  ASSERT_EQ(registry.checks().size(), 13U);
  for (const auto& check : registry.checks()) {
    const auto results = project.run(*check);
    ASSERT_FALSE(results.empty()) << check->info().id;
    for (const auto& secret : planted) {
      expect_no_leak(results, secret);
    }
  }
}

TEST(EnvFamilyRedaction, RuleIdsAreEnv001ToEnv013) {
  Registry registry;
  checks::register_env(registry);
  std::set<std::string> ids;
  for (const auto& check : registry.checks()) {
    ids.insert(check->info().id);
    EXPECT_EQ(check->info().family, "env");
  }
  ASSERT_EQ(ids.size(), 13U);
  std::size_t i = 0;
  for (const auto& id : ids) {
    EXPECT_EQ(id, fmt::format("ENV{:03}", ++i));
  }
}

}  // namespace
}  // namespace shipcheck::test
