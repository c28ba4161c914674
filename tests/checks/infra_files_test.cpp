// Finding and parsing a project's Dockerfiles, compose files and Kubernetes manifests.
#include "checks/infra_files.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks::infra {
namespace {

const char* const k_deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n";

std::vector<std::string> paths_of(const std::vector<DockerfileSource>& sources) {
  std::vector<std::string> out;
  for (const auto& s : sources) {
    out.push_back(s.path);
  }
  return out;
}

std::vector<std::string> paths_of(const std::vector<YamlSource>& sources) {
  std::vector<std::string> out;
  for (const auto& s : sources) {
    out.push_back(s.path);
  }
  return out;
}

TEST(KindByName, DockerfilesAndComposeFilesByTheirNames) {
  EXPECT_EQ(kind_by_name("Dockerfile"), Kind::dockerfile);
  EXPECT_EQ(kind_by_name("svc/dockerfile"), Kind::dockerfile);
  EXPECT_EQ(kind_by_name("Containerfile"), Kind::dockerfile);
  EXPECT_EQ(kind_by_name("Dockerfile.prod"), Kind::dockerfile);
  EXPECT_EQ(kind_by_name("deploy/worker.Dockerfile"), Kind::dockerfile);
  EXPECT_EQ(kind_by_name("docker-compose.yml"), Kind::compose);
  EXPECT_EQ(kind_by_name("ops/docker-compose.prod.yaml"), Kind::compose);
  EXPECT_EQ(kind_by_name("compose.yaml"), Kind::compose);
  EXPECT_FALSE(kind_by_name("Dockerfile-notes.md").has_value());
  EXPECT_FALSE(kind_by_name("k8s/deployment.yaml").has_value());
  EXPECT_FALSE(kind_by_name("composer.json").has_value());
}

TEST(LooksLikeKubernetes, TopLevelApiVersionAndKind) {
  EXPECT_TRUE(looks_like_kubernetes(k_deployment));
  EXPECT_TRUE(looks_like_kubernetes("# c\n---\nkind: Service\napiVersion: v1\n"));
  EXPECT_TRUE(looks_like_kubernetes("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n"));
  EXPECT_TRUE(
      looks_like_kubernetes("\xEF\xBB\xBF"
                            "apiVersion: v1\nkind: Pod\n"));
  // Nested keys, other YAML, and Helm templates are not manifests.
  EXPECT_FALSE(looks_like_kubernetes("spec:\n  apiVersion: v1\n  kind: X\n"));
  EXPECT_FALSE(looks_like_kubernetes("name: ci\non: push\n"));
  EXPECT_FALSE(looks_like_kubernetes("apiVersion: v1\nkind: Service\nmetadata: {{ .Values }}\n"));
}

TEST(LoadInfraFiles, DetectsEachKindAndSkipsTheRest) {
  test::TempDir dir;
  dir.write("Dockerfile", "FROM debian:12\n");
  dir.write("worker/Dockerfile.dev", "FROM debian:12\n");
  dir.write("docker-compose.yml", "services: {api: {image: a:1}}\n");
  dir.write("k8s/app.yaml", k_deployment);
  dir.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
  dir.write("shipcheck.yaml", "apiVersion: x\nkind: y\n");
  const InfraFiles files = load_infra_files(dir.path(), ContainersConfig{});
  EXPECT_EQ(paths_of(files.dockerfiles),
            (std::vector<std::string>{"Dockerfile", "worker/Dockerfile.dev"}));
  EXPECT_EQ(paths_of(files.compose), (std::vector<std::string>{"docker-compose.yml"}));
  EXPECT_EQ(paths_of(files.kubernetes), (std::vector<std::string>{"k8s/app.yaml"}));
  ASSERT_TRUE(files.dockerfiles[0].file.has_value());
  ASSERT_TRUE(files.kubernetes[0].stream.has_value());
  EXPECT_EQ(files.kubernetes[0].stream->documents.size(), 1U);
}

TEST(LoadInfraFiles, HonoursGitignoreAndExclude) {
  test::TempDir dir;
  dir.write(".gitignore", "build/\n");
  dir.write("build/Dockerfile", "FROM a:1\n");
  dir.write("tests/fixtures/Dockerfile", "FROM a:1\n");
  dir.write("Dockerfile", "FROM a:1\n");
  ContainersConfig config;
  config.exclude = {"tests/fixtures/**"};
  const InfraFiles files = load_infra_files(dir.path(), config);
  EXPECT_EQ(paths_of(files.dockerfiles), (std::vector<std::string>{"Dockerfile"}));
}

TEST(LoadInfraFiles, ConfiguredFilesDirectoriesAndGlobs) {
  test::TempDir dir;
  dir.write("images/api.Dockerfile", "FROM a:1\n");
  dir.write("images/README.md", "not a Dockerfile\n");
  dir.write("deploy/base/app.yaml", k_deployment);
  dir.write("deploy/base/values.yaml", "replicas: 3\n");
  dir.write("deploy/prod/app.yaml", k_deployment);
  dir.write("Dockerfile", "FROM a:1\n");
  ContainersConfig config;
  config.dockerfiles = {"images/"};
  config.kubernetes = {"deploy/**/app.yaml"};
  const InfraFiles files = load_infra_files(dir.path(), config);
  EXPECT_EQ(paths_of(files.dockerfiles), (std::vector<std::string>{"images/api.Dockerfile"}));
  EXPECT_EQ(paths_of(files.kubernetes),
            (std::vector<std::string>{"deploy/base/app.yaml", "deploy/prod/app.yaml"}));
  EXPECT_TRUE(files.compose.empty());
}

TEST(LoadInfraFiles, DetectFalseLintsOnlyTheListedFiles) {
  test::TempDir dir;
  dir.write("Dockerfile", "FROM a:1\n");
  dir.write("docker-compose.yml", "services: {}\n");
  ContainersConfig config;
  config.detect = false;
  config.compose = {"docker-compose.yml"};
  const InfraFiles files = load_infra_files(dir.path(), config);
  EXPECT_TRUE(files.dockerfiles.empty());
  EXPECT_EQ(paths_of(files.compose), (std::vector<std::string>{"docker-compose.yml"}));
}

TEST(LoadInfraFiles, MissingConfiguredFileAndParseErrorsAreSourcesWithErrors) {
  test::TempDir dir;
  dir.write("k8s/bad.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n");
  ContainersConfig config;
  config.dockerfiles = {"docker/Dockerfile"};
  const InfraFiles files = load_infra_files(dir.path(), config);
  ASSERT_EQ(files.dockerfiles.size(), 1U);
  ASSERT_TRUE(files.dockerfiles[0].error.has_value());
  EXPECT_EQ(files.dockerfiles[0].path, "docker/Dockerfile");
  EXPECT_NE(files.dockerfiles[0].error->message.find("not found"), std::string::npos);
  ASSERT_EQ(files.kubernetes.size(), 1U);
  ASSERT_TRUE(files.kubernetes[0].error.has_value());
  EXPECT_EQ(files.kubernetes[0].error->file, "k8s/bad.yaml");
  EXPECT_GT(files.kubernetes[0].error->line, 0);
}

// Detection reads a manifest's first 64 KiB; a shorter one is parsed from that same read,
// a longer one is read again whole. Both must come out complete.
TEST(LoadInfraFiles, ManifestsShorterAndLongerThanTheDetectionHeadParseWhole) {
  test::TempDir dir;
  dir.write("k8s/small.yaml", std::string(k_deployment) + "---\n" + k_deployment);
  const std::string padding = "# " + std::string(70 * 1024, 'x') + "\n";
  dir.write("k8s/large.yaml", std::string(k_deployment) + padding + "---\n" + k_deployment);
  const InfraFiles files = load_infra_files(dir.path(), ContainersConfig{});
  ASSERT_EQ(paths_of(files.kubernetes),
            (std::vector<std::string>{"k8s/large.yaml", "k8s/small.yaml"}));
  for (const auto& source : files.kubernetes) {
    ASSERT_TRUE(source.stream.has_value()) << source.path;
    EXPECT_EQ(source.stream->documents.size(), 2U) << source.path;
  }
}

TEST(LoadInfraFiles, AttachesTheDockerignoreBuildKitWouldRead) {
  test::TempDir dir;
  dir.write(".dockerignore", ".git\n");
  dir.write("Dockerfile", "FROM a:1\n");
  dir.write("api/Dockerfile", "FROM a:1\n");
  dir.write("api/.dockerignore", ".env*\r\n.git\r\n");
  dir.write("web/web.Dockerfile", "FROM a:1\n");
  dir.write("web/web.Dockerfile.dockerignore", "node_modules\n");
  const InfraFiles files = load_infra_files(dir.path(), ContainersConfig{});
  ASSERT_EQ(files.dockerfiles.size(), 3U);
  EXPECT_EQ(files.dockerfiles[0].dockerignore_path, ".dockerignore");
  EXPECT_EQ(files.dockerfiles[1].dockerignore_path, "api/.dockerignore");
  EXPECT_EQ(files.dockerfiles[1].dockerignore_lines, (std::vector<std::string>{".env*", ".git"}));
  EXPECT_EQ(files.dockerfiles[2].dockerignore_path, "web/web.Dockerfile.dockerignore");
}

TEST(LiteralSecret, SecretNamesBoundToLiterals) {
  EXPECT_TRUE(literal_secret("DB_PASSWORD", "bakery-app-2024"));
  EXPECT_TRUE(literal_secret("API_TOKEN", "\"abc123def456\""));
  EXPECT_TRUE(literal_secret("DATABASE_URL", "postgres://app:hunter2x@db/app"));
  EXPECT_TRUE(literal_secret("PGPASSWORD", "bakery-app-2024"));
  const auto evidence = literal_secret("SMTP_PASSWORD", "Mailer-Spring-2024");
  ASSERT_TRUE(evidence);
  EXPECT_EQ(evidence->find("Mailer-Spring-2024"), std::string::npos) << *evidence;
  EXPECT_EQ(evidence->rfind("SMTP_PASSWORD=", 0), 0U) << *evidence;
}

TEST(LiteralSecret, ReferencesPlaceholdersPathsAndSettingsAreNot) {
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "${DB_PASSWORD}"));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "${DB_PASSWORD:?set it}"));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "$DB_PASSWORD"));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "$(DB_PASSWORD)"));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", ""));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "changeme"));
  EXPECT_FALSE(literal_secret("DB_PASSWORD", "<your-password>"));
  EXPECT_FALSE(literal_secret("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password"));
  EXPECT_FALSE(literal_secret("JWT_SECRET_PATH", "/etc/app/jwt.key"));
  EXPECT_FALSE(literal_secret("TOKEN_TTL", "3600"));
  EXPECT_FALSE(literal_secret("AUTH_ENABLED", "true"));
  EXPECT_FALSE(literal_secret("DATABASE_URL", "postgres://db:5432/app"));
  EXPECT_FALSE(literal_secret("LOG_LEVEL", "INFO"));
  EXPECT_FALSE(literal_secret("AUTH_MODE", "oidc"));
  EXPECT_FALSE(literal_secret("REDIS_KEY_PREFIX", "web:"));
  EXPECT_FALSE(literal_secret("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256"));
}

}  // namespace
}  // namespace shipcheck::checks::infra
