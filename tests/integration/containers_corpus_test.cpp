// `shipcheck scan containers` on the hand-written corpus of Dockerfiles, compose files and
// Kubernetes manifests (tests/containers/corpus): every expected finding of expected.tsv
// is reported and nothing else is, file by file; broken files alone exit 2 with
// file:line:col; generated huge manifests lint (5 MB) or are refused (20 MB), never crash.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> k_parse_rules = {"DKR001", "CMP001", "K8S001"};

fs::path corpus_dir() {
  return test::source_dir() / "tests" / "containers" / "corpus";
}

// One finding: what the comparison keys on. `where` is "LINE", or "LINE:COL" for the
// parse rules, whose column is part of the contract.
struct ExpectedFinding {
  std::string rule;
  std::string where;
  std::string status;  // fail, warn, suppressed (or error: never expected)
  auto operator<=>(const ExpectedFinding&) const = default;
};

struct Expected {
  std::map<std::string, std::multiset<ExpectedFinding>> by_file;  // every corpus file has an entry
  std::map<std::pair<std::string, ExpectedFinding>, std::string> notes;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) {
    fields.push_back(field);
  }
  return fields;
}

Expected read_expected() {
  Expected out;
  std::ifstream in(corpus_dir() / "expected.tsv");
  EXPECT_TRUE(in) << "cannot read expected.tsv";
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line.starts_with('#')) {
      continue;
    }
    const auto fields = split_tabs(line);
    EXPECT_GE(fields.size(), 4U) << "expected.tsv:" << number << ": 4 or 5 tab-separated fields";
    if (fields.size() < 4) {
      continue;
    }
    auto& findings = out.by_file[fields[0]];
    if (fields[1] == "-") {
      continue;  // a file with no finding
    }
    const ExpectedFinding finding{fields[1], fields[2], fields[3]};
    findings.insert(finding);
    out.notes[{fields[0], finding}] = fields.size() > 4 ? fields[4] : "";
  }
  return out;
}

// The corpus files as the expectations name them (relative, '/'-separated).
std::set<std::string> corpus_files() {
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_dir())) {
    const std::string rel = entry.path().lexically_relative(corpus_dir()).generic_string();
    if (entry.is_regular_file() && rel != "expected.tsv" && rel != "README.md") {
      files.insert(rel);
    }
  }
  return files;
}

std::string family_of(const std::string& file) {
  return file.substr(0, file.find('/'));
}

struct Actual {
  std::map<std::string, std::multiset<ExpectedFinding>> by_file;
  std::map<std::pair<std::string, ExpectedFinding>, std::string> messages;
};

// fail / warn / error results of a JSON report, by the file they are located in.
Actual findings_of(const nlohmann::json& report) {
  Actual out;
  for (const auto& r : report.at("results")) {
    const std::string status = r.at("status").get<std::string>();
    if (status != "fail" && status != "warn" && status != "error") {
      continue;
    }
    const auto& location = r.at("location");
    std::string file = "(no location)";
    int line = 0;
    int column = 0;
    if (location.is_object()) {
      file = location.value("file", file);
      line = location["line"].is_number() ? location["line"].get<int>() : 0;
      column = location["column"].is_number() ? location["column"].get<int>() : 0;
    }
    const std::string rule = r.at("rule").get<std::string>();
    const bool suppressed = r.contains("suppressed") && !r["suppressed"].is_null();
    ExpectedFinding finding{
        rule,
        k_parse_rules.count(rule) != 0 ? fmt::format("{}:{}", line, column) : std::to_string(line),
        suppressed ? "suppressed" : status};
    out.messages[{file, finding}] = r.value("message", "");
    out.by_file[file].insert(std::move(finding));
  }
  return out;
}

std::multiset<ExpectedFinding> minus(const std::multiset<ExpectedFinding>& a,
                                     const std::multiset<ExpectedFinding>& b) {
  std::multiset<ExpectedFinding> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// The readable difference between expected and actual findings; empty when they agree.
std::string diff(const Expected& expected, const Actual& actual) {
  std::string out;
  std::set<std::string> files;
  for (const auto& [file, _] : expected.by_file) {
    files.insert(file);
  }
  for (const auto& [file, _] : actual.by_file) {
    files.insert(file);
  }
  const std::multiset<ExpectedFinding> none;
  for (const auto& file : files) {
    const auto e = expected.by_file.find(file);
    const auto a = actual.by_file.find(file);
    const auto& want = e == expected.by_file.end() ? none : e->second;
    const auto& got = a == actual.by_file.end() ? none : a->second;
    for (const auto& f : minus(want, got)) {
      out += fmt::format("  missing {}:{} {} ({})  -- {}\n", file, f.where, f.rule, f.status,
                         expected.notes.at({file, f}));
    }
    for (const auto& f : minus(got, want)) {
      out += fmt::format("  extra   {}:{} {} ({})  -- {}\n", file, f.where, f.rule, f.status,
                         actual.messages.at({file, f}));
    }
  }
  return out;
}

nlohmann::json parse_report(const test::CliRun& run) {
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << "not JSON:\n" << run.out.substr(0, 2000) << run.err;
  return report.is_discarded() ? nlohmann::json{{"results", nlohmann::json::array()}} : report;
}

void print_counts(const Expected& expected) {
  std::map<std::string, std::pair<int, int>> counts;  // family -> files, findings
  for (const auto& [file, findings] : expected.by_file) {
    auto& [files, total] = counts[family_of(file)];
    ++files;
    total += static_cast<int>(findings.size());
  }
  for (const auto& [family, count] : counts) {
    std::cout << fmt::format("[ corpus   ] {}: {} files, {} findings checked\n", family,
                             count.first, count.second);
  }
}

class ContainersCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_expected = read_expected(); }
  static Expected s_expected;
};
Expected ContainersCorpus::s_expected;

TEST_F(ContainersCorpus, EveryCorpusFileHasExpectations) {
  for (const auto& file : corpus_files()) {
    EXPECT_EQ(s_expected.by_file.count(file), 1U)
        << file << " is in the corpus but not in expected.tsv (add a line, '-' if clean)";
  }
  for (const auto& [file, _] : s_expected.by_file) {
    EXPECT_TRUE(fs::exists(corpus_dir() / file)) << "expected.tsv names a missing file " << file;
  }
}

// The way users run it: one directory, files found by name (and manifests by content).
TEST_F(ContainersCorpus, DirectoryScanReportsExactlyTheExpectedFindings) {
  const auto run =
      test::run_shipcheck(fmt::format("scan containers '{}' --format json", corpus_dir().string()));
  EXPECT_EQ(run.exit_code, 2) << "broken files are in the corpus: exit 2\n" << run.err;
  const std::string difference = diff(s_expected, findings_of(parse_report(run)));
  EXPECT_TRUE(difference.empty()) << "expected.tsv vs the tool:\n" << difference;
  print_counts(s_expected);
}

// Every file named on the command line: YAML that detection would not pick up (empty and
// comment-only manifests) is linted as Kubernetes too, with the same expectations.
TEST_F(ContainersCorpus, NamedFilesReportExactlyTheExpectedFindings) {
  std::string args;
  for (const auto& file : corpus_files()) {
    if (!fs::path(file).filename().string().ends_with(".dockerignore")) {
      args += fmt::format(" '{}'", file);
    }
  }
  const auto run = test::run_shipcheck("scan containers --format json" + args, corpus_dir());
  EXPECT_EQ(run.exit_code, 2) << run.err;
  const std::string difference = diff(s_expected, findings_of(parse_report(run)));
  EXPECT_TRUE(difference.empty()) << "expected.tsv vs the tool:\n" << difference;
}

TEST_F(ContainersCorpus, EachBrokenFileAloneExitsTwoWithItsLocation) {
  int checked = 0;
  for (const auto& [file, findings] : s_expected.by_file) {
    for (const auto& f : findings) {
      if (k_parse_rules.count(f.rule) == 0) {
        continue;
      }
      const auto run = test::run_shipcheck(fmt::format("scan containers '{}'", file), corpus_dir());
      EXPECT_EQ(run.exit_code, 2) << file << "\n" << run.err;
      const std::string location = fmt::format("{}:{}: error: ", file, f.where);
      EXPECT_NE(run.err.find(location), std::string::npos)
          << file << ": stderr lacks '" << location << "':\n"
          << run.err;
      ++checked;
    }
  }
  std::cout << fmt::format("[ corpus   ] {} parse errors checked one file at a time\n", checked);
  EXPECT_GE(checked, 10);
}

// A hardened Deployment and its PodDisruptionBudget, one document pair per `index`.
std::string manifest_pair(int index) {
  return fmt::format(R"(---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gen-{0}
  namespace: gen
  annotations: {{shipcheck.dev/no-hpa: "generated"}}
spec:
  replicas: 2
  selector: {{matchLabels: {{app: gen-{0}}}}}
  template:
    metadata: {{labels: {{app: gen-{0}}}}}
    spec:
      automountServiceAccountToken: false
      securityContext: {{runAsNonRoot: true, runAsUser: 10001, seccompProfile: {{type: RuntimeDefault}}}}
      containers:
        - name: app
          image: registry.shop.test/gen:1.0.{0}
          livenessProbe: {{httpGet: {{path: /live, port: 8080}}}}
          readinessProbe: {{httpGet: {{path: /ready, port: 8080}}}}
          resources: {{requests: {{cpu: 10m, memory: 16Mi}}, limits: {{cpu: 50m, memory: 32Mi}}}}
          securityContext: {{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {{drop: [ALL]}}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {{name: gen-{0}, namespace: gen}}
spec:
  minAvailable: 1
  selector: {{matchLabels: {{app: gen-{0}}}}}
)",
                     index);
}

std::string generated_manifest(std::size_t bytes) {
  std::string text;
  text.reserve(bytes + 2048);
  for (int i = 0; text.size() < bytes; ++i) {
    text += manifest_pair(i);
  }
  return text;
}

TEST(ContainersCorpusHuge, FiveMegabyteManifestLints) {
  test::TempDir dir;
  dir.write("big-5mb.yaml", generated_manifest(5'000'000));
  const auto run = test::run_shipcheck("scan containers big-5mb.yaml --format json", dir.path());
  EXPECT_EQ(run.exit_code, 0) << "every generated object is hardened\n"
                              << run.err << run.out.substr(0, 2000);
  const auto report = parse_report(run);
  for (const auto& r : report.at("results")) {
    EXPECT_NE(r.at("status"), "fail") << r.dump();
    EXPECT_NE(r.at("status"), "error") << r.dump();
  }
}

TEST(ContainersCorpusHuge, TwentyMegabyteManifestIsRefusedWithAClearError) {
  test::TempDir dir;
  dir.write("big-20mb.yaml", generated_manifest(20'000'000));
  const auto run = test::run_shipcheck("scan containers big-20mb.yaml --format json", dir.path());
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("big-20mb.yaml"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("16 MiB"), std::string::npos) << run.err;
  EXPECT_FALSE(parse_report(run).is_discarded());
}

}  // namespace
}  // namespace shipcheck
