// The policy sections of shipcheck.yaml: manual items, rules, suppressions, and the
// ENV/DOC/GIT family settings.
#include "config/sections.h"

#include <limits>
#include <set>

#include <fmt/format.h>

#include "config/values.h"
#include "core/text.h"

namespace shipcheck::config {

const Shape k_item_id_shape{is_item_id, "an id of letters, digits, '.', '_' or '-'",
                            "e.g. notify-team"};

namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

bool is_rule_or_family(std::string_view text) {
  return is_rule_id(text) || is_family_code(text);
}

const Shape k_rule_shape{is_rule_or_family, "a rule id or family code",
                         "rule ids look like HDR004, family codes like ENV"};
const Shape k_date_shape{is_iso_date, "a date written YYYY-MM-DD", "e.g. 2027-01-31"};
const Shape k_var_name_shape{is_var_name, "an environment variable name", "e.g. DATABASE_URL"};

const std::vector<Field<ManualItem>> k_manual_fields{
    {"id",
     [](R& r, const N& n, const P& p, ManualItem& o) { r.read(o.id, n, p, k_item_id_shape); }},
    {"title", [](R& r, const N& n, const P& p, ManualItem& o) { r.read(o.title, n, p); }},
    {"source", [](R& r, const N& n, const P& p, ManualItem& o) { r.read(o.source, n, p); }},
    {"required", [](R& r, const N& n, const P& p, ManualItem& o) { r.read(o.required, n, p); }},
    {"valid_for", [](R& r, const N& n, const P& p,
                     ManualItem& o) { r.read(o.valid_for, n, p, k_duration_shape); }},
};

const std::vector<Field<SuppressEntry>> k_suppress_fields{
    {"rule",
     [](R& r, const N& n, const P& p, SuppressEntry& o) { r.read(o.rule, n, p, k_rule_shape); }},
    {"path", [](R& r, const N& n, const P& p, SuppressEntry& o) { r.read(o.path, n, p); }},
    {"fingerprint",
     [](R& r, const N& n, const P& p, SuppressEntry& o) { r.read(o.fingerprint, n, p); }},
    {"reason", [](R& r, const N& n, const P& p, SuppressEntry& o) { r.read(o.reason, n, p); }},
    {"expires",
     [](R& r, const N& n, const P& p, SuppressEntry& o) { r.read(o.expires, n, p, k_date_shape); }},
};

const std::vector<Field<EnvConfig>> k_env_fields{
    {"required", [](R& r, const N& n, const P& p,
                    EnvConfig& o) { r.read(o.required, n, p, &k_var_name_shape); }},
    {"optional", [](R& r, const N& n, const P& p,
                    EnvConfig& o) { r.read(o.optional, n, p, &k_var_name_shape); }},
    {"example_file",
     [](R& r, const N& n, const P& p, EnvConfig& o) { r.read(o.example_file, n, p); }},
    {"scan_code", [](R& r, const N& n, const P& p, EnvConfig& o) { r.read(o.scan_code, n, p); }},
    {"secret_min_length", [](R& r, const N& n, const P& p,
                             EnvConfig& o) { r.read(o.secret_min_length, n, p, 0, 4096); }},
    {"secret_min_entropy", [](R& r, const N& n, const P& p,
                              EnvConfig& o) { r.read(o.secret_min_entropy, n, p, 0.0, 8.0); }},
    {"jwt_max_minutes", [](R& r, const N& n, const P& p,
                           EnvConfig& o) { r.read(o.jwt_max_minutes, n, p, 1, k_int_max); }},
    {"pool_min",
     [](R& r, const N& n, const P& p, EnvConfig& o) { r.read(o.pool_min, n, p, 0, k_int_max); }},
    {"pool_max",
     [](R& r, const N& n, const P& p, EnvConfig& o) { r.read(o.pool_max, n, p, 0, k_int_max); }},
};

const std::vector<Field<DocsConfig>> k_docs_fields{
    {"readme", [](R& r, const N& n, const P& p, DocsConfig& o) { r.read(o.readme, n, p); }},
    {"runbook", [](R& r, const N& n, const P& p, DocsConfig& o) { r.read(o.runbook, n, p); }},
    {"env_docs", [](R& r, const N& n, const P& p, DocsConfig& o) { r.read(o.env_docs, n, p); }},
    {"rollback", [](R& r, const N& n, const P& p, DocsConfig& o) { r.read(o.rollback, n, p); }},
};

const std::vector<Field<GitConfig>> k_git_fields{
    {"release_tag",
     [](R& r, const N& n, const P& p, GitConfig& o) { r.read(o.release_tag, n, p); }},
    {"require_clean",
     [](R& r, const N& n, const P& p, GitConfig& o) { r.read(o.require_clean, n, p); }},
};

const std::vector<Field<ContainersConfig>> k_containers_fields{
    {"detect", [](R& r, const N& n, const P& p, ContainersConfig& o) { r.read(o.detect, n, p); }},
    {"dockerfiles",
     [](R& r, const N& n, const P& p, ContainersConfig& o) { r.read(o.dockerfiles, n, p); }},
    {"compose", [](R& r, const N& n, const P& p, ContainersConfig& o) { r.read(o.compose, n, p); }},
    {"kubernetes",
     [](R& r, const N& n, const P& p, ContainersConfig& o) { r.read(o.kubernetes, n, p); }},
    {"exclude", [](R& r, const N& n, const P& p, ContainersConfig& o) { r.read(o.exclude, n, p); }},
    {"min_replicas", [](R& r, const N& n, const P& p,
                        ContainersConfig& o) { r.read(o.min_replicas, n, p, 1, 1000); }},
};

std::string severity_hint(std::string_view text) {
  const std::vector<std::string> names{"critical", "high", "medium", "low", "info"};
  const std::vector<std::string> near = closest(text, names, 1);
  const std::string choices = "one of critical, high, medium, low, info";
  return near.empty() ? choices : fmt::format("did you mean '{}'? ({})", near.front(), choices);
}

// rules.severity: {RULE: severity}; keys are rule ids, values severity names.
void read_severity_map(R& r, const N& node, const P& path, RulesConfig& out) {
  r.each_key(node, path, {}, [&](const N& key, const N& value) {
    const std::string& id = key.Scalar();
    if (!is_rule_id(id)) {
      const std::string upper = to_upper(id);
      r.fail(key, fmt::format("'{}' is not a rule id", shown(id)),
             is_rule_id(upper) ? fmt::format("rule ids are upper case: {}", upper)
                               : "rule ids look like HDR004");
      return;
    }
    std::optional<Scalar> name = r.scalar(value, join_path(path, id));
    if (!name) {
      return;
    }
    if (const auto severity = parse_severity(to_lower(name->value))) {
      out.severity[id] = *severity;
      return;
    }
    r.fail(name->pos, fmt::format("unknown severity '{}' for {}", shown(name->raw), id),
           severity_hint(name->value));
  });
}

const std::vector<Field<RulesConfig>> k_rules_fields{
    {"disable",
     [](R& r, const N& n, const P& p, RulesConfig& o) { r.read(o.disable, n, p, &k_rule_shape); }},
    {"severity", read_severity_map},
};

void check_suppress_entry(R& r, const SuppressEntry& entry) {
  if (entry.rule.empty()) {
    r.fail(entry.pos, "suppress entry has no 'rule'", "add rule: <ID>, e.g. rule: SEC014");
  } else if (trim(entry.reason).empty()) {
    r.fail(entry.pos, fmt::format("suppress entry for {} has no 'reason'", entry.rule),
           "every suppression must say why, e.g. reason: \"test fixture, fake keys\"");
  }
}

}  // namespace

void read_manual(R& r, const N& node, const P& path, Config& out) {
  std::set<std::string> ids;
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    ManualItem manual;
    read_fields(r, item, item_path, k_manual_fields, manual);
    if (r.failed()) {
      return;
    }
    if (!item.IsMap() || manual.id.empty()) {
      r.fail(item, "manual item has no 'id'", "add id: <short-name>, e.g. id: notify-team");
      return;
    }
    if (!ids.insert(manual.id).second) {
      r.fail(item, fmt::format("duplicate manual item id '{}'", manual.id));
      return;
    }
    if (manual.title.empty()) {
      manual.title = manual.id;
    }
    out.manual.push_back(std::move(manual));
  });
}

void read_rules(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_rules_fields, out.rules);
}

void read_suppress(R& r, const N& node, const P& path, Config& out) {
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    SuppressEntry entry;
    entry.pos = pos_of(item);
    read_fields(r, item, item_path, k_suppress_fields, entry);
    if (!r.failed()) {
      check_suppress_entry(r, entry);
      out.suppress.push_back(std::move(entry));
    }
  });
}

void read_env(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_env_fields, out.env);
  if (!r.failed() && out.env.pool_min > out.env.pool_max) {
    const N at = node["pool_min"] ? node["pool_min"] : node["pool_max"];
    r.fail(at, fmt::format("env.pool_min ({}) is larger than env.pool_max ({})", out.env.pool_min,
                           out.env.pool_max));
  }
}

void read_docs(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_docs_fields, out.docs);
}

void read_git(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_git_fields, out.git);
}

void read_containers(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_containers_fields, out.containers);
}

}  // namespace shipcheck::config
