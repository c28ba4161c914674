// shipcheck.yaml's schema: which keys each section has and how each value is read.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace shipcheck::config {

inline constexpr int k_int_max = std::numeric_limits<int>::max();

// One key of a section and how to read its value into T.
template <typename T>
struct Field {
  std::string_view key;
  void (*read)(Reader& reader, const YAML::Node& value, const std::string& path, T& out);
};

inline std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Reads map `node` into `out` through `fields`; any other key is an error.
template <typename T>
void read_fields(Reader& reader, const YAML::Node& node, const std::string& path,
                 const std::vector<Field<T>>& fields, T& out) {
  std::vector<std::string> keys;
  for (const Field<T>& field : fields) {
    keys.emplace_back(field.key);
  }
  reader.each_key(node, path, keys, [&](const YAML::Node& key, const YAML::Node& value) {
    for (const Field<T>& field : fields) {
      if (field.key == key.Scalar()) {
        field.read(reader, value, join_path(path, field.key), out);
      }
    }
  });
}

// Shapes shared by the sections.
extern const Shape k_url_shape;
extern const Shape k_url_path_shape;
extern const Shape k_duration_shape;
extern const Shape k_item_id_shape;  // manual item and command ids

// Fills `config` from the top-level map. `Config::root` receives `project:` as written;
// the loader resolves it against the config file's directory.
void read_sections(Reader& reader, const YAML::Node& root, Config& config);

// The policy sections (sections_policy.cpp): manual, rules, suppress, env, docs, git,
// containers.
void read_manual(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_rules(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_suppress(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_env(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_docs(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_git(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_containers(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);

// A map of header names to values (regular expressions with `regex_values`), from
// sections_smoke.cpp; names must be header names.
void read_headers(Reader& reader, const YAML::Node& node, const std::string& path, HeaderList& out,
                  bool regex_values);

// The performance section (sections_performance.cpp).
void read_performance(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);

// The drills section (sections_drills.cpp).
void read_drills(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
// watch: (sections_watch.cpp).
void read_watch(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);

// The sections `import` writes besides manual (sections_checklist.cpp): commands, checklist.
void read_commands(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_checklist(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);

// The Redis and DNS sections (sections_redis_dns.cpp): dependencies.redis and dns.
void read_redis(Reader& reader, const YAML::Node& node, const std::string& path,
                DependenciesConfig& out);
void read_dns(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);

// The live sections (sections_smoke.cpp): smoke requests, and JSON assertions wherever a
// section takes them (endpoints.health_expect, a smoke step's expect.json).
void read_smoke(Reader& reader, const YAML::Node& node, const std::string& path, Config& out);
void read_assertions(Reader& reader, const YAML::Node& node, const std::string& path,
                     std::vector<std::string>& out);

}  // namespace shipcheck::config
