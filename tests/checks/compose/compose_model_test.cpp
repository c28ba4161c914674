// The compose model: services in every file format, and each field's syntaxes.
#include "checks/compose/compose_model.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

using namespace checks::compose;

File model_of(const checks::infra::YamlSource& source) {
  auto file = read_file(source);
  if (!file) {
    ADD_FAILURE() << "model error: " << file.error().message;
    return {};
  }
  return std::move(*file);
}

std::string names(const File& file) {
  std::string out;
  for (const Service& service : file.services) {
    out += (out.empty() ? "" : ",") + service.name;
  }
  return out;
}

TEST(ComposeModel, ReadsServicesOfTheComposeSpecification) {
  const auto source = compose_source("c.yml", R"(name: shop
x-common: &common {restart: always}
services:
  api: {<<: *common, image: api:1}
  x-ignored: {image: nope}
  db: {image: postgres:16}
volumes: {data: {}}
)");
  const File file = model_of(source);
  EXPECT_EQ(names(file), "api,db");
  EXPECT_EQ(file.services[0].key->line, 4);
  EXPECT_EQ(file.services[0].node->get("restart")->str(), "always");
  EXPECT_NE(file.find("db"), nullptr);
  EXPECT_EQ(file.find("x-ignored"), nullptr);
}

TEST(ComposeModel, LegacyV1FilesHaveServicesAtTheTop) {
  const auto source =
      compose_source("c.yml", "web:\n  image: nginx:1\nx-meta: {a: 1}\nredis:\n  image: redis:7\n");
  EXPECT_EQ(names(model_of(source)), "web,redis");
}

TEST(ComposeModel, FileWithoutServicesHasNone) {
  EXPECT_EQ(names(model_of(compose_source("c.yml", "version: '3'\nvolumes: {a: {}}\n"))), "");
  EXPECT_EQ(names(model_of(compose_source("c.yml", "services:\n"))), "");
}

TEST(ComposeModel, ShapeErrorsPointAtTheWrongNode) {
  auto error = read_file(compose_source("c.yml", "services:\n  web: nginx\n"));
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().line, 2);
  EXPECT_EQ(error.error().column, 8);
  error = read_file(compose_source("c.yml", "services: [web]\n"));
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().column, 11);
  EXPECT_FALSE(read_file(compose_source("c.yml", "- a\n")));
  EXPECT_FALSE(read_file(compose_source("c.yml", "# empty\n")));
}

TEST(ComposeModel, EnvironmentAsMapOrList) {
  const auto source = compose_source("c.yml", R"(services:
  a:
    environment: {A: 1, B: , C: "x=y"}
  b:
    environment: ["A=1", "B", "C=x=y"]
)");
  const File file = model_of(source);
  for (const Service& service : file.services) {
    const auto vars = environment(service);
    ASSERT_EQ(vars.size(), 3U) << service.name;
    EXPECT_EQ(vars[0].name, "A");
    EXPECT_EQ(vars[0].value, "1");
    EXPECT_EQ(vars[1].value, std::nullopt);
    EXPECT_EQ(vars[2].value, "x=y");
    EXPECT_EQ(vars[2].node->line, service.name == "a" ? 3 : 5);
  }
}

TEST(ComposeModel, PortsShortAndLongSyntax) {
  const auto source = compose_source("c.yml", R"(services:
  a:
    ports:
      - 5432
      - "8080:80"
      - "127.0.0.1:6379:6379/tcp"
      - "[::1]:9200:9200"
      - "::1:11211:11211"
      - "${PG_PORT:-5432}:5432"
      - "127.0.0.1::27017"
      - target: 3306
        published: "3306"
        host_ip: 0.0.0.0
)");
  const auto found = ports(model_of(source).services[0]);
  std::vector<std::string> out;
  for (const Port& port : found) {
    out.push_back(port.host_ip + "|" + port.published + "|" + port.target);
  }
  EXPECT_EQ(out,
            (std::vector<std::string>{"||5432", "|8080|80", "127.0.0.1|6379|6379", "::1|9200|9200",
                                      "::1|11211|11211", "|${PG_PORT:-5432}|5432",
                                      "127.0.0.1||27017", "0.0.0.0|3306|3306"}));
}

TEST(ComposeModel, VolumesShortAndLongSyntax) {
  const auto source = compose_source("c.yml", R"(services:
  a:
    volumes:
      - /data
      - db:/var/lib/postgresql/data
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - {type: bind, source: ./conf, target: /etc/conf}
)");
  const auto found = volumes(model_of(source).services[0]);
  ASSERT_EQ(found.size(), 4U);
  EXPECT_EQ(found[0].source, "");
  EXPECT_EQ(found[0].target, "/data");
  EXPECT_EQ(found[2].source, "/var/run/docker.sock");
  EXPECT_EQ(found[3].source, "./conf");
  EXPECT_EQ(found[3].node->line, 7);
}

TEST(ComposeModel, DependsOnListOrMap) {
  const auto source = compose_source("c.yml", R"(services:
  a: {depends_on: [db, cache]}
  b:
    depends_on:
      db: {condition: service_healthy}
      migrate:
        condition: service_completed_successfully
  db: {image: postgres:16}
  cache: {image: redis:7}
  migrate: {image: api:1}
)");
  const File file = model_of(source);
  const auto list = depends_on(file.services[0]);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[1].name, "cache");
  EXPECT_EQ(list[1].condition, "");
  const auto map = depends_on(file.services[1]);
  ASSERT_EQ(map.size(), 2U);
  EXPECT_EQ(map[0].condition, "service_healthy");
  EXPECT_EQ(map[1].node->line, 6);
  EXPECT_TRUE(is_one_shot(file, *file.find("migrate")));
  EXPECT_FALSE(is_one_shot(file, *file.find("db")));
}

TEST(ComposeModel, HealthcheckSwitchedOffDoesNotCount) {
  const auto source = compose_source("c.yml", R"(services:
  a: {healthcheck: {test: ["CMD", "true"]}}
  b: {healthcheck: {disable: true}}
  c: {healthcheck: {test: ["NONE"]}}
  d: {healthcheck: {interval: 10s}}
  e: {image: x}
)");
  std::string out;
  for (const Service& service : model_of(source).services) {
    out += has_healthcheck(service) ? 'y' : 'n';
  }
  EXPECT_EQ(out, "ynnyn");
}

TEST(ComposeModel, SplitColonsKeepsVariablesAndBrackets) {
  EXPECT_EQ(split_colons("${A:-1}:[::1]:b"), (std::vector<std::string>{"${A:-1}", "[::1]", "b"}));
  EXPECT_EQ(split_colons(""), (std::vector<std::string>{""}));
}

}  // namespace
}  // namespace shipcheck::test
