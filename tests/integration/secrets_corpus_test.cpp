// The secret scanner against a labeled corpus generated at test time from a fixed seed
// (tests/secrets/generate_corpus.py): recall and precision of `shipcheck scan secrets
// --history` are printed and must both reach 95 %, and no output format may hold a planted
// secret in full. The corpus lives in a temp dir: our own tree never holds a valid token.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

constexpr int k_seed = 20240301;
constexpr double k_min_recall = 0.95;
constexpr double k_min_precision = 0.95;

using test::slurp;

struct PlantedFinding {
  std::string file;
  int line = 0;
  std::string commit;
  std::string rule;
};

// A label's file and line range; a history-only label needs a finding that names a commit.
bool matches(const nlohmann::json& label, const PlantedFinding& finding) {
  const int first = label["line"].get<int>();
  const int last = label.value("end_line", first);
  if (label["file"] != finding.file || finding.line < first || finding.line > last) {
    return false;
  }
  return !label.value("history_only", false) || !finding.commit.empty();
}

// The corpus is generated once for the suite: it is a few seconds of git commits.
class SecretsCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<test::TempDir>();
    const auto& base = s_dir->path();
    std::string output;
    const std::string command = fmt::format(
        "/usr/bin/python3 '{}' {} '{}' --labels '{}' --secrets-out '{}'",
        (test::source_dir() / "tests" / "secrets" / "generate_corpus.py").string(), k_seed,
        (base / "repo").string(), (base / "labels.json").string(), (base / "secrets.txt").string());
    ASSERT_EQ(test::run_command(command, output), 0) << output;
    s_labels = nlohmann::json::parse(slurp(base / "labels.json"));
    std::istringstream lines(slurp(base / "secrets.txt"));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) {
        s_secrets.push_back(line);
      }
    }
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  static std::filesystem::path repo() { return s_dir->path() / "repo"; }

  // Runs the scan with `format`, writing to a file when `to_file`; returns the report text
  // and appends stdout and stderr to `console`.
  static std::string scan(const std::string& format, bool to_file, std::string& console,
                          int& exit_code) {
    const auto out = s_dir->path() / ("report." + format);
    const std::string output_flag = to_file ? fmt::format("--output '{}'", out.string()) : "";
    const auto run = test::run_shipcheck(fmt::format("scan secrets '{}' --history --format {} {}",
                                                     repo().string(), format, output_flag));
    exit_code = run.exit_code;
    console += run.out + run.err;
    return to_file ? slurp(out) : run.out;
  }

  static std::vector<PlantedFinding> findings_of(const nlohmann::json& report) {
    std::vector<PlantedFinding> findings;
    const std::string prefix = repo().string() + "/";
    for (const auto& r : report["results"]) {
      if (r.value("status", "") != "fail" || !r.contains("location") || r["location"].is_null()) {
        continue;
      }
      const auto& loc = r["location"];
      PlantedFinding f;
      f.file = loc.value("file", "");
      if (f.file.rfind(prefix, 0) == 0) {
        f.file = f.file.substr(prefix.size());
      }
      f.line = loc.value("line", 0);
      f.commit = loc.contains("commit") && loc["commit"].is_string()
                     ? loc["commit"].get<std::string>()
                     : "";
      f.rule = r.value("rule", "");
      findings.push_back(f);
    }
    return findings;
  }

  // The kind of the negative at a finding's place, for a readable false-positive list.
  static std::string negative_kind(const PlantedFinding& f) {
    for (const auto& n : s_labels["negatives"]) {
      if (n["file"] == f.file && n["line"].get<int>() == f.line) {
        return n["kind"].get<std::string>();
      }
    }
    return "unlabeled";
  }

  static std::unique_ptr<test::TempDir> s_dir;
  static nlohmann::json s_labels;
  static std::vector<std::string> s_secrets;
};

std::unique_ptr<test::TempDir> SecretsCorpus::s_dir;
nlohmann::json SecretsCorpus::s_labels;
std::vector<std::string> SecretsCorpus::s_secrets;

TEST_F(SecretsCorpus, CorpusIsLargeAndVariedEnough) {
  const auto& planted = s_labels["planted"];
  std::map<std::string, int> kinds;
  int history_only = 0;
  for (const auto& p : planted) {
    ++kinds[p["kind"].get<std::string>()];
    history_only += p["history_only"].get<bool>() ? 1 : 0;
  }
  EXPECT_GE(planted.size(), 120U);
  EXPECT_GE(kinds.size(), 25U);
  EXPECT_GE(history_only, 15);
  EXPECT_GE(s_labels["negatives"].size(), 80U);
  EXPECT_GE(s_secrets.size(), planted.size());
}

TEST_F(SecretsCorpus, FindsPlantedSecretsWithHighRecallAndPrecision) {
  std::string console;
  int exit_code = -1;
  const std::string text = scan("json", true, console, exit_code);
  ASSERT_EQ(exit_code, 1) << "findings must exit 1; stderr/stdout:\n" << console;
  EXPECT_EQ(test::schema_error(text), "");
  const auto report = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << "the JSON report does not parse";
  const auto findings = findings_of(report);

  const auto& planted = s_labels["planted"];
  std::map<std::string, int> misses;
  std::size_t found = 0;
  for (const auto& label : planted) {
    const bool hit = std::any_of(findings.begin(), findings.end(),
                                 [&](const PlantedFinding& f) { return matches(label, f); });
    found += hit ? 1 : 0;
    if (!hit) {
      ++misses[label["kind"].get<std::string>() +
               (label["history_only"].get<bool>() ? " (history)" : "")];
    }
  }
  std::map<std::string, int> false_positives;
  std::size_t true_positives = 0;
  for (const auto& f : findings) {
    const bool hit = std::any_of(planted.begin(), planted.end(),
                                 [&](const nlohmann::json& label) { return matches(label, f); });
    true_positives += hit ? 1 : 0;
    if (!hit) {
      ++false_positives[f.rule + " on " + negative_kind(f)];
    }
  }
  const double recall = static_cast<double>(found) / static_cast<double>(planted.size());
  const double precision =
      findings.empty() ? 0.0
                       : static_cast<double>(true_positives) / static_cast<double>(findings.size());
  std::cout << fmt::format(
      "secrets corpus (seed {}): recall {:.3f} ({}/{}), precision {:.3f} ({}/{})\n", k_seed, recall,
      found, planted.size(), precision, true_positives, findings.size());
  for (const auto& [kind, n] : misses) {
    std::cout << fmt::format("  missed {} x {}\n", n, kind);
  }
  for (const auto& [what, n] : false_positives) {
    std::cout << fmt::format("  false positive {} x {}\n", n, what);
  }
  RecordProperty("recall", fmt::format("{:.3f}", recall));
  RecordProperty("precision", fmt::format("{:.3f}", precision));
  EXPECT_GE(recall, k_min_recall);
  EXPECT_GE(precision, k_min_precision);
}

TEST_F(SecretsCorpus, NoOutputFormatHoldsAPlantedSecret) {
  ASSERT_FALSE(s_secrets.empty());
  std::string console;
  int exit_code = -1;
  std::vector<std::pair<std::string, std::string>> outputs;
  outputs.emplace_back("json file", scan("json", true, console, exit_code));
  EXPECT_EQ(exit_code, 1);
  outputs.emplace_back("sarif file", scan("sarif", true, console, exit_code));
  EXPECT_EQ(exit_code, 1);
  outputs.emplace_back("text stdout", scan("text", false, console, exit_code));
  EXPECT_EQ(exit_code, 1);
  outputs.emplace_back("json stdout", scan("json", false, console, exit_code));
  outputs.emplace_back("stdout and stderr", console);
  for (const auto& [what, text] : outputs) {
    EXPECT_FALSE(text.empty()) << what << " is empty";
    std::size_t leaked = 0;
    for (const auto& secret : s_secrets) {
      leaked += text.find(secret) != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(leaked, 0U) << what << " holds " << leaked << " planted secrets in full";
  }
}

}  // namespace
}  // namespace shipcheck
