// `shipcheck run` against a real redis-server and dnsmasq: the RDS rules leave the server's
// data and write counters as they were, never print the password, and a server that
// accepts but never answers costs one timeout, not a hang; the DNS rules read dnsmasq's
// TTLs; `run --static` leaves both families out.
#include <chrono>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "support/dns_server.h"
#include "support/fixture.h"
#include "support/redis.h"
#include "support/shipcheck_cli.h"
#include "support/socket_server.h"

namespace shipcheck {
namespace {

// A project whose shipcheck.yaml points the RDS rules at `url` (kept in its env file) and
// the DNS rules at `dns_yaml`.
void write_deps_project(const test::TempDir& dir, const std::string& url,
                        const std::string& redis_yaml, const std::string& dns_yaml = "") {
  dir.write(".env.production", "REDIS_URL=" + url + "\n");
  dir.write("shipcheck.yaml", "service: deps\nenv_file: .env.production\ndependencies:\n  redis: " +
                                  redis_yaml + "\n" + dns_yaml);
}

// rule -> statuses of its results, joined by ','.
std::map<std::string, std::string> deps_statuses(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& r : report["results"]) {
    auto& s = out[r["rule"].get<std::string>()];
    s += (s.empty() ? "" : ",") + r["status"].get<std::string>();
  }
  return out;
}

// "cmdstat_info" -> calls, from INFO commandstats.
std::map<std::string, long> redis_command_calls(const test::RedisServer& server) {
  std::map<std::string, long> calls;
  for (const auto& line : split(server.cli("INFO commandstats"), '\n')) {
    const auto colon = line.find(':');
    const auto at = line.find("calls=");
    if (line.rfind("cmdstat_", 0) == 0 && colon != std::string::npos && at != std::string::npos) {
      calls[line.substr(8, colon - 8)] = std::stol(line.substr(at + 6));
    }
  }
  return calls;
}

TEST(RedisCli, AFullRunChangesNothingOnTheServerAndNeverPrintsThePassword) {
  test::RedisOptions options;
  options.acl_user = "worker";
  options.acl_password = "cli-redis-password-8f3k2";
  options.acl_user_rules = {"-keys"};
  options.extra = {"--rename-command", "FLUSHALL", ""};
  options.persistence = test::RedisOptions::Persistence::aof;
  options.maxmemory = "64mb";
  options.policy = "allkeys-lru";
  const test::RedisServer server(options);
  server.cli("SET session:1 alice");
  server.cli("RPUSH celery task-1 task-2");
  const test::TempDir dir;
  write_deps_project(dir, server.url(),
                     "{queues: [celery], max_queue_length: 10, dangerous_commands: [FLUSHALL, "
                     "KEYS], dead_letter_queues: [celery.dlq]}");

  const std::string dirty_before = server.info_field("rdb_changes_since_last_save");
  const std::string keyspace_before = server.info_field("db0", "keyspace");
  const std::string aof_before = server.info_field("aof_current_size", "persistence");
  const auto calls_before = redis_command_calls(server);
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --only RDS --format json --no-store", dir.path().string()));
  const auto text = test::run_shipcheck(
      fmt::format("run '{}' --only RDS --no-store --verbose", dir.path().string()));
  const auto calls_after = redis_command_calls(server);

  ASSERT_EQ(test::schema_error(run.out), "") << run.err;
  const auto report = nlohmann::json::parse(run.out);
  const auto by_rule = deps_statuses(report);
  EXPECT_EQ(by_rule.at("RDS001"), "pass");
  EXPECT_EQ(by_rule.at("RDS002"), "pass");
  EXPECT_EQ(by_rule.at("RDS003"), "pass");
  EXPECT_EQ(by_rule.at("RDS004"), "pass");
  EXPECT_EQ(by_rule.at("RDS005"), "pass");
  EXPECT_EQ(by_rule.at("RDS006"), "skip");
  EXPECT_EQ(by_rule.at("RDS007"), "pass");
  EXPECT_EQ(by_rule.at("RDS008"), "pass");
  EXPECT_EQ(by_rule.at("RDS009"), "pass");
  EXPECT_EQ(by_rule.at("RDS010"), "pass");
  EXPECT_EQ(run.exit_code, 0) << run.out;

  // Nothing written: no dirty keys, the same keys, the AOF as long as before.
  EXPECT_EQ(server.info_field("rdb_changes_since_last_save"), dirty_before);
  EXPECT_EQ(server.info_field("db0", "keyspace"), keyspace_before);
  EXPECT_EQ(server.info_field("aof_current_size", "persistence"), aof_before);
  // Every command whose count moved is a read (the test's own INFO calls among them).
  const std::set<std::string> reads = {"ping",         "info",         "auth",      "select",
                                       "config|get",   "cluster|info", "llen",      "zcard",
                                       "xlen",         "type",         "exists",    "command|docs",
                                       "command|info", "acl|whoami",   "acl|dryrun"};
  for (const auto& [command, calls] : calls_after) {
    const auto before = calls_before.find(command);
    if (before == calls_before.end() || before->second != calls) {
      EXPECT_TRUE(reads.count(command)) << command << " was called during the run";
    }
  }
  EXPECT_GT(calls_after.at("llen"), 0);  // the run did talk to the server
  EXPECT_GT(calls_after.at("acl|dryrun"), 0);
  for (const auto* output : {&run.out, &run.err, &text.out, &text.err}) {
    EXPECT_EQ(output->find(options.acl_password), std::string::npos) << *output;
  }
}

TEST(RedisCli, AServerThatNeverAnswersGivesAnErrorWithinTheTimeout) {
  const test::SilentPort silent;
  const test::TempDir dir;
  write_deps_project(dir, fmt::format("redis://:pw-not-shown-123@127.0.0.1:{}/0", silent.port()),
                     "{timeout: 500ms}");
  const auto started = std::chrono::steady_clock::now();
  const auto run = test::run_shipcheck(fmt::format(
      "run '{}' --only RDS --format json --no-store --timeout 60s", dir.path().string()));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const auto report = nlohmann::json::parse(run.out);
  const auto by_rule = deps_statuses(report);
  // Unreachable is RDS001's failing verdict; the rules that needed an answer are errors.
  EXPECT_EQ(by_rule.at("RDS001"), "fail");
  for (const char* rule : {"RDS002", "RDS003", "RDS004", "RDS005"}) {
    EXPECT_EQ(by_rule.at(rule), "error") << rule;
  }
  for (const auto& r : report["results"]) {
    if (r["status"] != "skip") {
      EXPECT_NE(r["message"].get<std::string>().find("timeout: 127.0.0.1:"), std::string::npos)
          << r.dump();
    }
  }
  EXPECT_EQ(run.exit_code, 1);
  // Bounded by the 500 ms Redis timeout, far below --timeout's 60 s (generous for CI).
  EXPECT_LT(elapsed, std::chrono::seconds(15));
  EXPECT_EQ(run.out.find("pw-not-shown-123"), std::string::npos);
}

TEST(DnsCli, ReadsTheTtlsOfALocalServer) {
  const test::DnsServer dns(
      {{"ok.test", "127.0.0.20", "", 60}, {"slow.test", "127.0.0.21", "", 3600}});
  const test::TempDir dir;
  dir.write("shipcheck.yaml",
            fmt::format("service: deps\ndns:\n  names: [ok.test, slow.test, missing.test]\n"
                        "  resolver: \"{}\"\n  timeout: 2s\n",
                        dns.address()));
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --only DNS --format json --no-store", dir.path().string()));
  ASSERT_EQ(test::schema_error(run.out), "") << run.err;
  const auto by_rule = deps_statuses(nlohmann::json::parse(run.out));
  EXPECT_EQ(by_rule.at("DNS001"), "pass,pass,fail");
  EXPECT_EQ(by_rule.at("DNS002"), "pass,fail,skip");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(RedisCli, StaticRunsLeaveRedisAndDnsOut) {
  const test::TempDir dir;
  write_deps_project(dir, "redis://127.0.0.1:1/0", "{}", "dns:\n  names: [api.example.com]\n");
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --static --format json --no-store", dir.path().string()));
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.out << run.err;
  for (const auto& r : report["results"]) {
    EXPECT_NE(r["family"], "redis") << r.dump();
    EXPECT_NE(r["family"], "dns") << r.dump();
  }
}

}  // namespace
}  // namespace shipcheck
