// PathGlobs must agree with glob_match, which it only short-cuts.
#include "engines/secrets/path_globs.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace shipcheck::secrets {
namespace {

const std::vector<std::string> k_globs{
    "**/package-lock.json", "**/*.min.js",     "**/.env.*",     "**/node_modules/**",
    "**/*compose*.yml",     "**/.kube/config", "**/Dockerfile", "src/*.py",
    "**/*kubeconfig*.yaml", "**/?.txt",        "docs/**"};

const std::vector<std::string> k_paths{"package-lock.json",
                                       "web/package-lock.json",
                                       "app.min.js",
                                       "a/b/app.min.js",
                                       "app.js",
                                       ".env.production",
                                       "deploy/.env.staging",
                                       "env.production",
                                       "node_modules/x/index.js",
                                       "a/node_modules/b.js",
                                       "node_modulesx/b.js",
                                       "docker-compose.yml",
                                       "ops/compose.prod.yml",
                                       "compose.yaml",
                                       ".kube/config",
                                       "home/u/.kube/config",
                                       "kube/config",
                                       "Dockerfile",
                                       "svc/Dockerfile",
                                       "svc/Dockerfile.dev",
                                       "src/app.py",
                                       "src/sub/app.py",
                                       "ops/my-kubeconfig-prod.yaml",
                                       "a.txt",
                                       "x/b.txt",
                                       "ab.txt",
                                       "docs/readme.md",
                                       "sub/docs/readme.md"};

TEST(PathGlobs, AgreesWithGlobMatchForEveryShape) {
  for (const auto& glob : k_globs) {
    const PathGlobs one({glob});
    for (const auto& path : k_paths) {
      EXPECT_EQ(one.matches(path), glob_match(glob, path)) << glob << " vs " << path;
    }
  }
}

TEST(PathGlobs, MatchesWhenAnyGlobDoesAndNeverWhenEmpty) {
  const PathGlobs all(k_globs);
  EXPECT_TRUE(all.matches("svc/Dockerfile"));
  EXPECT_TRUE(all.matches("a/node_modules/b.js"));
  EXPECT_FALSE(all.matches("src/main.go"));
  EXPECT_FALSE(PathGlobs().matches("anything"));
  EXPECT_TRUE(PathGlobs().empty());
}

}  // namespace
}  // namespace shipcheck::secrets
