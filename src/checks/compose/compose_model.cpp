// Reading compose files' services and their common fields in one shape.
#include "checks/compose/compose_model.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks::compose {
namespace {

// Top-level keys of the Compose Specification: a file with these and no `services` is a
// Compose Specification file without services, never a v1 file.
constexpr std::array<std::string_view, 8> k_top_level_keys = {
    "version", "services", "volumes", "networks", "configs", "secrets", "include", "name"};

bool is_extension(std::string_view key) {
  return key.starts_with("x-");
}

ModelError error_at(const Node* node, std::string message) {
  return ModelError{std::move(message), node != nullptr ? node->line : 0,
                    node != nullptr ? node->column : 0};
}

tl::expected<std::vector<Service>, ModelError> services_of(const Node& map) {
  std::vector<Service> out;
  for (const Node::Entry& entry : map.entries) {
    const std::string_view name = entry.key->str();
    if (is_extension(name)) {
      continue;
    }
    if (!entry.value->is_map()) {
      return tl::unexpected(error_at(
          entry.value, fmt::format("service '{}' is not a map of settings", name.substr(0, 60))));
    }
    out.push_back(Service{std::string(name), entry.key, entry.value});
  }
  return out;
}

bool is_legacy_v1(const Node& root) {
  return std::none_of(k_top_level_keys.begin(), k_top_level_keys.end(),
                      [&root](std::string_view key) { return root.get(key) != nullptr; });
}

const Node* first_root(const yaml::Stream& stream) {
  for (const yaml::Document& document : stream.documents) {
    if (document.root != nullptr) {
      return document.root;
    }
  }
  return nullptr;
}

// A scalar's text; numbers and booleans as written.
std::string text_of(const Node* node) {
  return node != nullptr && node->is_scalar() ? node->value : std::string();
}

Port short_port(const Node* item) {
  std::string spec(item->value);
  if (const std::size_t slash = spec.rfind('/'); slash != std::string::npos) {
    spec.resize(slash);  // "/tcp", "/udp"
  }
  std::vector<std::string> parts = split_colons(spec);
  Port port;
  port.node = item;
  port.target = parts.back();
  parts.pop_back();
  if (!parts.empty()) {
    port.published = parts.back();
    parts.pop_back();
  }
  // What is left is the host IP; an unbracketed IPv6 address was split at its colons.
  std::string host = fmt::format("{}", fmt::join(parts, ":"));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  port.host_ip = std::move(host);
  return port;
}

Port long_port(const Node* item) {
  Port port;
  port.node = item;
  port.target = text_of(item->get("target"));
  port.published = text_of(item->get("published"));
  port.host_ip = text_of(item->get("host_ip"));
  return port;
}

}  // namespace

const Service* File::find(std::string_view name) const {
  for (const Service& service : services) {
    if (service.name == name) {
      return &service;
    }
  }
  return nullptr;
}

tl::expected<File, ModelError> read_file(const infra::YamlSource& source) {
  File file;
  file.path = source.path;
  if (!source.stream) {
    return tl::unexpected(ModelError{"the file did not parse", 0, 0});
  }
  file.root = first_root(*source.stream);
  if (file.root == nullptr) {
    return tl::unexpected(ModelError{"the compose file is empty", 1, 1});
  }
  if (!file.root->is_map()) {
    return tl::unexpected(error_at(file.root, "a compose file must be a map at the top level"));
  }
  const Node* services = file.root->get("services");
  const Node* map = services;
  if (services == nullptr && is_legacy_v1(*file.root)) {
    map = file.root;
  }
  if (map == nullptr || map->is_null()) {
    return file;  // only volumes, networks, ...: valid, and nothing to check
  }
  if (!map->is_map()) {
    return tl::unexpected(error_at(map, "'services' must be a map of service names to settings"));
  }
  auto found = services_of(*map);
  if (!found) {
    return tl::unexpected(found.error());
  }
  file.services = std::move(*found);
  return file;
}

std::vector<EnvVar> environment(const Service& service) {
  std::vector<EnvVar> out;
  const Node* env = service.node->get("environment");
  if (env == nullptr) {
    return out;
  }
  for (const Node::Entry& entry : env->entries) {
    EnvVar var{std::string(entry.key->str()), std::nullopt, entry.value};
    if (entry.value->is_scalar()) {
      var.value = entry.value->value;
    }
    out.push_back(std::move(var));
  }
  for (const Node* item : env->items) {
    if (!item->is_scalar()) {
      continue;
    }
    const std::size_t equals = item->value.find('=');
    EnvVar var{item->value.substr(0, equals), std::nullopt, item};
    if (equals != std::string::npos) {
      var.value = item->value.substr(equals + 1);
    }
    out.push_back(std::move(var));
  }
  return out;
}

std::vector<Port> ports(const Service& service) {
  std::vector<Port> out;
  const Node* list = service.node->get("ports");
  if (list == nullptr) {
    return out;
  }
  for (const Node* item : list->items) {
    if (item->is_scalar() && !item->value.empty()) {
      out.push_back(short_port(item));
    } else if (item->is_map()) {
      out.push_back(long_port(item));
    }
  }
  return out;
}

std::vector<Volume> volumes(const Service& service) {
  std::vector<Volume> out;
  const Node* list = service.node->get("volumes");
  if (list == nullptr) {
    return out;
  }
  for (const Node* item : list->items) {
    if (item->is_map()) {
      out.push_back(Volume{text_of(item->get("source")), text_of(item->get("target")), item});
      continue;
    }
    if (!item->is_scalar()) {
      continue;
    }
    const std::vector<std::string> parts = split_colons(item->value);
    if (parts.size() == 1) {
      out.push_back(Volume{"", parts[0], item});
    } else {
      out.push_back(Volume{parts[0], parts[1], item});
    }
  }
  return out;
}

std::vector<Dependency> depends_on(const Service& service) {
  std::vector<Dependency> out;
  const Node* deps = service.node->get("depends_on");
  if (deps == nullptr) {
    return out;
  }
  for (const Node* item : deps->items) {
    if (item->is_scalar()) {
      out.push_back(Dependency{item->value, "", item});
    }
  }
  for (const Node::Entry& entry : deps->entries) {
    const Node* condition = entry.value->get("condition");
    out.push_back(Dependency{std::string(entry.key->str()), text_of(condition), entry.key});
  }
  return out;
}

bool has_healthcheck(const Service& service) {
  const Node* check = service.node->get("healthcheck");
  if (check == nullptr || !check->is_map()) {
    return false;
  }
  if (const Node* disable = check->get("disable"); disable && disable->as_bool() == true) {
    return false;
  }
  const Node* test = check->get("test");
  if (test == nullptr) {
    return true;
  }
  const std::string_view first =
      test->is_seq() && !test->items.empty() ? test->items.front()->str() : test->str();
  return first != "NONE";
}

bool is_one_shot(const File& file, const Service& service) {
  return std::any_of(file.services.begin(), file.services.end(), [&](const Service& other) {
    const auto deps = depends_on(other);
    return std::any_of(deps.begin(), deps.end(), [&](const Dependency& dep) {
      return dep.name == service.name && dep.condition == "service_completed_successfully";
    });
  });
}

std::vector<std::string> split_colons(std::string_view text) {
  std::vector<std::string> out(1);
  int braces = 0;
  bool bracket = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      ++braces;
    } else if (c == '}' && braces > 0) {
      --braces;
    } else if (c == '[' && braces == 0) {
      bracket = true;
    } else if (c == ']') {
      bracket = false;
    } else if (c == ':' && braces == 0 && !bracket) {
      out.emplace_back();
      continue;
    }
    out.back() += c;
  }
  return out;
}

std::string evidence(std::string_view key, const Node* value) {
  std::string text = fmt::format("{}: {}", key, value != nullptr ? value->str() : "");
  if (text.size() > 120) {
    std::size_t cut = 117;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
      --cut;  // not inside a UTF-8 sequence
    }
    text.resize(cut);
    text += "...";
  }
  return text;
}

}  // namespace shipcheck::checks::compose
