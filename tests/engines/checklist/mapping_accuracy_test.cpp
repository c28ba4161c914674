// How well `shipcheck import` maps the seed checklists' items to rules, measured against a
// labelled file made by hand (tests/data/seeds/labels.tsv: which rules would check each item,
// judged from the rule pages without looking at the matcher). The labels must cover every
// item the parser finds exactly once, so that a parser change that moves or splits items is
// caught here rather than silently skewing the measure.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli/import_plan.h"
#include "core/registry.h"
#include "engines/checklist/checklist.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::checklist::mapping_accuracy {
namespace {

// The acceptance bar of the import issue: the share of automatable items mapped right.
constexpr double k_min_accuracy = 0.60;

struct LabelRow {
  std::string seed;
  int line = 0;
  std::set<std::string> rules;  // empty: no current rule automates the item
  std::string text;             // a prefix of the item's text
  int uses = 0;
};

std::filesystem::path seeds_dir() {
  return test::source_dir() / "tests/data/seeds";
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) {
    parts.push_back(part);
  }
  return parts;
}

std::vector<LabelRow> load_labels() {
  std::vector<LabelRow> rows;
  std::istringstream in(test::slurp(seeds_dir() / "labels.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto fields = split(line, '\t');
    EXPECT_EQ(fields.size(), 4U) << "not four tab-separated fields: " << line;
    if (fields.size() != 4) {
      continue;
    }
    LabelRow row{fields[0], std::stoi(fields[1]), {}, fields[3]};
    if (fields[2] != "-") {
      for (const auto& id : split(fields[2], ',')) {
        row.rules.insert(id);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The seed checklists: every .txt beside the labels.
std::vector<std::string> seed_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(seeds_dir())) {
    if (entry.path().extension() == ".txt") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

cli::ImportPlan plan_for(const std::string& seed, const Matcher& matcher,
                         std::vector<Checklist>& keep) {
  auto list = parse_checklist(test::slurp(seeds_dir() / seed), seed);
  EXPECT_TRUE(list.has_value()) << seed;
  keep.push_back(list ? std::move(*list) : Checklist{});
  return cli::plan_import(keep.back(), matcher, seed);
}

// The label rows an item matches: same seed and line, and the row's text starts the item's.
std::vector<LabelRow*> rows_for(std::vector<LabelRow>& rows, const std::string& seed,
                                const Item& item) {
  std::vector<LabelRow*> found;
  for (auto& row : rows) {
    if (row.seed == seed && row.line == item.line && item.text.rfind(row.text, 0) == 0) {
      found.push_back(&row);
    }
  }
  return found;
}

std::string joined(const std::set<std::string>& ids) {
  return ids.empty() ? "-" : fmt::format("{}", fmt::join(ids, ","));
}

std::set<std::string> mapped_rules(const cli::PlannedItem& planned) {
  std::set<std::string> ids;
  for (const auto& match : planned.matches) {
    ids.insert(match.rule);
  }
  return ids;
}

struct Tally {
  int automatable = 0;
  int correct = 0;
  int wrong_rule = 0;
  int missed = 0;  // decided command or manual
  int not_automatable = 0;
  int false_mappings = 0;

  void add(const Tally& other) {
    automatable += other.automatable;
    correct += other.correct;
    wrong_rule += other.wrong_rule;
    missed += other.missed;
    not_automatable += other.not_automatable;
    false_mappings += other.false_mappings;
  }
  double accuracy() const {
    return automatable == 0 ? 0.0 : static_cast<double>(correct) / automatable;
  }
};

std::string tally_line(const std::string& name, const Tally& tally) {
  return fmt::format(
      "{:<28} automatable {:>3}  correct {:>3} ({:5.1f} %)  wrong rule {:>3}  "
      "missed {:>3}  |  not automatable {:>3}  mapped anyway {:>3}",
      name, tally.automatable, tally.correct, 100.0 * tally.accuracy(), tally.wrong_rule,
      tally.missed, tally.not_automatable, tally.false_mappings);
}

// Scores one planned item against its label, and notes each confusion for the report.
void score(const cli::PlannedItem& planned, const LabelRow& label, const std::string& seed,
           Tally& tally, std::vector<std::string>& confusions) {
  const auto mapped = mapped_rules(planned);
  const auto where =
      fmt::format("{}:{} {:.60}", seed.substr(0, 3), planned.item->line, planned.item->text);
  const bool is_rule = planned.decision == cli::Decision::rule;
  if (label.rules.empty()) {
    ++tally.not_automatable;
    if (is_rule) {
      ++tally.false_mappings;
      confusions.push_back(fmt::format("  false   {} -> {} (labelled -)", where, joined(mapped)));
    }
    return;
  }
  ++tally.automatable;
  if (!is_rule) {
    ++tally.missed;
    confusions.push_back(fmt::format("  missed  {} -> {} (labelled {})", where,
                                     cli::decision_name(planned.decision), joined(label.rules)));
  } else if (std::includes(label.rules.begin(), label.rules.end(), mapped.begin(), mapped.end())) {
    ++tally.correct;
  } else {
    ++tally.wrong_rule;
    confusions.push_back(fmt::format("  wrong   {} -> {} (labelled {})", where, joined(mapped),
                                     joined(label.rules)));
  }
}

TEST(MappingAccuracy, LabelsCoverEveryItemOfEverySeedOnce) {
  auto rows = load_labels();
  ASSERT_FALSE(rows.empty());
  const auto seeds = seed_names();
  ASSERT_EQ(seeds.size(), 5U);
  // The catalogue, not the embedded pages: a rule whose page is missing from the matcher
  // is still the right answer for an item it checks.
  Registry registry;
  register_all(registry);
  std::set<std::string> known;
  for (const auto& check : registry.checks()) {
    known.insert(check->info().id);
  }
  for (const auto& row : rows) {
    EXPECT_TRUE(std::binary_search(seeds.begin(), seeds.end(), row.seed)) << row.seed;
    for (const auto& id : row.rules) {
      EXPECT_EQ(known.count(id), 1U)
          << "not a rule: " << id << " at " << row.seed << ":" << row.line;
    }
  }
  const auto matcher = cli::catalog_matcher();
  std::vector<Checklist> keep;
  keep.reserve(seeds.size());
  for (const auto& seed : seeds) {
    const auto plan = plan_for(seed, matcher, keep);
    EXPECT_FALSE(plan.items.empty()) << seed;
    for (const auto& planned : plan.items) {
      const auto found = rows_for(rows, seed, *planned.item);
      EXPECT_EQ(found.size(), 1U) << seed << ":" << planned.item->line << " " << planned.item->text
                                  << ": no label row, or several";
      for (auto* row : found) {
        ++row->uses;
      }
    }
  }
  for (const auto& row : rows) {
    EXPECT_EQ(row.uses, 1) << "label row matched by " << row.uses << " items: " << row.seed << ":"
                           << row.line << " " << row.text;
  }
}

TEST(MappingAccuracy, MostAutomatableSeedItemsMapToALabelledRule) {
  auto rows = load_labels();
  const auto matcher = cli::catalog_matcher();
  std::vector<Checklist> keep;
  const auto seeds = seed_names();
  keep.reserve(seeds.size());
  Tally overall;
  std::vector<std::string> lines;
  std::vector<std::string> confusions;
  for (const auto& seed : seeds) {
    const auto plan = plan_for(seed, matcher, keep);
    Tally tally;
    for (const auto& planned : plan.items) {
      const auto found = rows_for(rows, seed, *planned.item);
      ASSERT_EQ(found.size(), 1U) << seed << ":" << planned.item->line
                                  << " (see the coverage test)";
      score(planned, *found.front(), seed, tally, confusions);
    }
    lines.push_back(tally_line(seed, tally));
    overall.add(tally);
  }
  std::cout << "Mapping accuracy against tests/data/seeds/labels.tsv (correct: decided rule, and "
               "every mapped rule is in the label set)\n";
  for (const auto& line : lines) {
    std::cout << line << "\n";
  }
  std::cout << tally_line("overall", overall) << "\nConfusions:\n";
  for (const auto& line : confusions) {
    std::cout << line << "\n";
  }
  std::cout.flush();
  RecordProperty("automatable", overall.automatable);
  RecordProperty("correct", overall.correct);
  RecordProperty("false_mappings", overall.false_mappings);
  ASSERT_GT(overall.automatable, 0);
  EXPECT_GE(overall.accuracy(), k_min_accuracy)
      << overall.correct << " of " << overall.automatable << " automatable items mapped right";
}

}  // namespace
}  // namespace shipcheck::checklist::mapping_accuracy
