// Stack detection, the Config `run` uses without a shipcheck.yaml, and the `init` file.
#include "config/detect.h"

#include <gtest/gtest.h>

#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

using test::TempDir;
using Strings = std::vector<std::string>;

bool mentions(const StackInfo& info, std::string_view text) {
  for (const std::string& why : info.evidence) {
    if (why.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> no_env(std::string_view /*name*/) {
  return std::nullopt;
}

// render_init_yaml's output, both as written and with its examples enabled, must load.
void expect_init_yaml_loads(const StackInfo& info, const TempDir& dir) {
  for (const bool examples : {false, true}) {
    const std::string text = render_init_yaml(info, examples);
    const auto config = load_config_text(text, "shipcheck.yaml", dir.path(), no_env);
    ASSERT_TRUE(config.has_value()) << config.error().to_string() << "\n" << text;
    EXPECT_EQ(config->service, info.service_name);
    const std::string env_file = detected_env_file(info);
    EXPECT_EQ(config->env_file, env_file.empty() && examples ? ".env.production" : env_file);
    EXPECT_EQ(config->root, std::filesystem::canonical(dir.path()));
    EXPECT_EQ(config->url.empty(), !examples);
    EXPECT_EQ(config->performance.has_value(), examples);
    EXPECT_EQ(config->suppress.size(), examples ? 1U : 0U);
  }
}

TEST(DetectStack, FastApiProject) {
  const TempDir dir;
  dir.write("requirements.txt", "# web\nFastAPI==0.110.0\nuvicorn[standard]>=0.29\n");
  dir.write("app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
  dir.write("Dockerfile", "FROM python:3.12-slim\n");
  dir.write("docker-compose.yml", "services:\n  api:\n    build: .\n");
  dir.write("alembic.ini", "[alembic]\n");
  dir.write(".env", "DEBUG=true\n");
  dir.write(".env.production", "DEBUG=false\n");
  dir.write(".env.example", "DEBUG=\n");
  dir.write("pyproject.toml", "[project]\nname = \"todo-api\"\ndependencies = []\n");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_EQ(info.frameworks, Strings{"fastapi"});
  EXPECT_TRUE(mentions(info, "FastAPI: 'fastapi' in requirements.txt"));
  EXPECT_TRUE(info.dockerfile);
  EXPECT_TRUE(info.compose);
  EXPECT_FALSE(info.kubernetes);
  EXPECT_TRUE(info.alembic);
  EXPECT_EQ(info.env_files, (Strings{".env", ".env.example", ".env.production"}));
  EXPECT_EQ(info.production_env_file, ".env.production");
  EXPECT_EQ(info.service_name, "todo-api");
  expect_init_yaml_loads(info, dir);

  const Config config = config_from_detection(info, dir.path());
  EXPECT_EQ(config.root, std::filesystem::canonical(dir.path()));
  EXPECT_EQ(config.env_file, ".env.production");
  EXPECT_EQ(config.service, "todo-api");
  EXPECT_TRUE(config.file.empty());
}

TEST(DetectStack, FastApiFromAnImportAlone) {
  const TempDir dir;
  dir.write("src/svc/api/routes.py", "import os\nfrom fastapi import APIRouter\n");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_EQ(info.frameworks, Strings{"fastapi"});
  EXPECT_TRUE(mentions(info, "'from fastapi import' in src/svc/api/routes.py"));
}

TEST(DetectStack, IgnoresFilesDeeperThanThreeLevelsAndVirtualenvs) {
  const TempDir dir;
  dir.write("a/b/c/d/main.py", "from fastapi import FastAPI\n");
  dir.write(".venv/lib/fastapi_app.py", "from fastapi import FastAPI\n");
  dir.write("node_modules/express/package.json", R"({"dependencies": {"express": "1"}})");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_TRUE(info.frameworks.empty());
}

TEST(DetectStack, NextJsProject) {
  const TempDir dir;
  dir.write("package.json",
            R"({"name": "@acme/web", "dependencies": {"next": "14.1.0", "react": "18"}})");
  dir.write("next.config.mjs", "export default {}\n");
  dir.write(".env.local", "NEXT_PUBLIC_API=x\n");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_EQ(info.frameworks, Strings{"nextjs"});
  EXPECT_TRUE(mentions(info, "Next.js: next.config.mjs"));
  EXPECT_EQ(info.service_name, "web");
  EXPECT_EQ(info.env_files, Strings{".env.local"});
  EXPECT_EQ(info.production_env_file, "");
  EXPECT_EQ(config_from_detection(info, dir.path()).env_file, "");
  expect_init_yaml_loads(info, dir);
}

TEST(DetectStack, DjangoProject) {
  const TempDir dir;
  dir.write("manage.py", "#!/usr/bin/env python\n");
  dir.write("requirements/base.txt", "Django>=5.0\n");
  dir.write("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\n");
  dir.write(".env", "SECRET_KEY=x\n");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_EQ(info.frameworks, Strings{"django"});
  EXPECT_TRUE(mentions(info, "Django: manage.py"));
  EXPECT_TRUE(info.kubernetes);
  EXPECT_EQ(info.production_env_file, "");
  EXPECT_EQ(config_from_detection(info, dir.path()).env_file, ".env");
  const std::string yaml = render_init_yaml(info);
  EXPECT_NE(yaml.find(fmt::format("kubectl rollout undo deployment/{}", info.service_name)),
            std::string::npos);
  expect_init_yaml_loads(info, dir);
}

TEST(DetectStack, MonorepoWithExpressAndManifests) {
  const TempDir dir;
  dir.write("api/package.json", R"({"dependencies": {"express": "^4.19.0"}})");
  dir.write("web/package.json", R"({"devDependencies": {"next": "14"}})");
  dir.write("web/tsconfig.json", "{}");
  dir.write("backend/pyproject.toml", "[tool.poetry.dependencies]\nfastapi = \"^0.110\"\n");
  dir.write("backend/alembic/env.py", "");
  dir.write("deploy/app.yml", "kind: \"Deployment\"\nmetadata: {name: x}\n");
  dir.write("backend/.env.prod", "A=1\n");
  dir.write("api/Dockerfile.prod", "FROM node:20\n");
  const StackInfo info = detect_stack(dir.path());
  EXPECT_EQ(info.frameworks, (Strings{"fastapi", "express", "nextjs"}));
  EXPECT_TRUE(info.kubernetes);
  EXPECT_TRUE(mentions(info, "'kind: Deployment' in deploy/app.yml"));
  EXPECT_TRUE(mentions(info, "Next.js: 'next' in web/package.json devDependencies"));
  EXPECT_TRUE(mentions(info, "FastAPI: 'fastapi' in backend/pyproject.toml"));
  EXPECT_TRUE(info.alembic);
  EXPECT_TRUE(info.dockerfile);
  EXPECT_EQ(info.production_env_file, "backend/.env.prod");
  expect_init_yaml_loads(info, dir);
}

TEST(DetectStack, EmptyDirectory) {
  const TempDir dir;
  const StackInfo info = detect_stack(dir.path());
  EXPECT_TRUE(info.frameworks.empty());
  EXPECT_FALSE(info.dockerfile || info.compose || info.kubernetes || info.alembic);
  EXPECT_TRUE(info.env_files.empty());
  EXPECT_TRUE(info.evidence.empty());
  EXPECT_EQ(info.service_name, std::filesystem::canonical(dir.path()).filename().string());
  const std::string yaml = render_init_yaml(info);
  EXPECT_NE(yaml.find("nothing recognisable"), std::string::npos);
  EXPECT_NE(yaml.find("# env_file: .env.production"), std::string::npos);
  expect_init_yaml_loads(info, dir);
}

TEST(DetectStack, MissingDirectoryDetectsNothing) {
  const TempDir dir;
  const StackInfo info = detect_stack(dir.path() / "nope");
  EXPECT_TRUE(info.frameworks.empty());
  EXPECT_EQ(info.service_name, "nope");
}

TEST(RenderInitYaml, QuotesNamesYamlWouldMisread) {
  const TempDir dir;
  StackInfo info;
  info.service_name = "true";
  expect_init_yaml_loads(info, dir);
  info.service_name = "2048";
  expect_init_yaml_loads(info, dir);
}

TEST(RenderInitYaml, ExplainsEverySection) {
  StackInfo info;
  info.service_name = "svc";
  const std::string yaml = render_init_yaml(info);
  for (const char* section : {"# url:", "# endpoints:", "# dependencies:", "# performance:",
                              "# watch:", "# manual:", "# rules:", "# suppress:"}) {
    EXPECT_NE(yaml.find(section), std::string::npos) << section;
  }
}

}  // namespace
}  // namespace shipcheck::config
