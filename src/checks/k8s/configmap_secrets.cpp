// K8S018: no ConfigMap holds a literal secret, neither as a key's value nor as a line of a
// file-like value (application.properties, .env, settings.yaml).
#include "checks/k8s/configmap_secrets.h"

#include <fmt/format.h>

#include "checks/infra_files.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

struct Assignment {
  std::string name;
  std::string value;
};

// `NAME=value`, `export NAME=value`, `name: value`, `"name": "value",` — one setting of a
// properties, dotenv, YAML or JSON file; nullopt for anything else.
std::optional<Assignment> assignment(std::string_view line) {
  line = trim(line);
  if (line.starts_with("export ")) {
    line = trim(line.substr(7));
  }
  if (line.empty() || line.starts_with('#') || line.starts_with("//") || line.starts_with(';')) {
    return std::nullopt;
  }
  const std::size_t sep = line.find_first_of("=:");
  if (sep == std::string_view::npos || sep == 0) {
    return std::nullopt;
  }
  auto unquote = [](std::string_view text) {
    text = trim(text);
    if (text.ends_with(',')) {
      text = trim(text.substr(0, text.size() - 1));
    }
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
        text.back() == text.front()) {
      text = text.substr(1, text.size() - 2);
    }
    return std::string(text);
  };
  return Assignment{unquote(line.substr(0, sep)), unquote(line.substr(sep + 1))};
}

}  // namespace

K8sConfigMapSecrets::K8sConfigMapSecrets()
    : K8sRule(RuleInfo{"K8S018", "kubernetes", "No secrets in ConfigMaps", Severity::critical,
                       "move the value to a Secret (created by your secret manager, not committed) "
                       "and reference it with secretKeyRef or envFrom.secretRef; rotate it"}) {}

void K8sConfigMapSecrets::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                  Tally& tally) const {
  for (const k8s::Object* object : objects.of_kind("ConfigMap")) {
    ++tally.checked;
    for (std::string_view field : {"data", "stringData"}) {
      const yaml::Node* data = k8s::get(object->node, field);
      if (data == nullptr || !data->is_map()) {
        continue;
      }
      for (const auto& e : data->entries) {
        if (e.key != nullptr && e.value != nullptr && e.value->is_scalar()) {
          check_entry(*object, e, tally);
        }
      }
    }
  }
  tally.passed = fmt::format("{}: no literal secret in data", count(tally.checked, "ConfigMap"));
  tally.not_applicable = "no ConfigMap in the manifests";
}

void K8sConfigMapSecrets::check_entry(const k8s::Object& object, const yaml::Node::Entry& e,
                                      Tally& tally) const {
  const std::string& key = e.key->value;
  const std::string& value = e.value->value;
  if (value.find('\n') == std::string::npos) {
    if (auto shown = k8s::literal_secret(key, value)) {
      tally.findings.push_back(
          at(fail(fmt::format("{}: {} holds a literal secret", object.label(), key), *shown),
             object, e.key->line, e.key->column));
    }
    return;
  }
  // A file: each setting in it; a block scalar's text starts on the line after `key: |`.
  const int first_line = value.ends_with('\n') ? e.value->line + 1 : e.value->line;
  const auto lines = split(value, '\n');
  bool found = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto a = assignment(lines[i]);
    if (!a) {
      continue;
    }
    if (auto shown = k8s::literal_secret(a->name, a->value)) {
      found = true;
      tally.findings.push_back(
          at(fail(fmt::format("{}: {} sets {} to a literal secret", object.label(), key, a->name),
                  *shown),
             object, first_line + static_cast<int>(i), 0));
    }
  }
  // Tokens that are no setting of their own: a PEM key, a JSON credentials file.
  if (!found) {
    if (auto shown = k8s::literal_secret("data", value)) {
      tally.findings.push_back(
          at(fail(fmt::format("{}: {} contains a literal secret", object.label(), key),
                  fmt::format("{}: {}", key, shown->substr(shown->find('=') + 1))),
             object, e.key->line, e.key->column));
    }
  }
}

}  // namespace shipcheck::checks
