// The parts of a compose file the CMP rules read: its services, and each service's
// environment, ports, volumes and dependencies in one shape whatever syntax was written
// (Compose Specification, v2/v3, legacy v1; short and long forms).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "checks/infra_files.h"
#include "engines/yaml/document.h"

namespace shipcheck::checks::compose {

using yaml::Node;

struct Service {
  std::string name;
  const Node* key = nullptr;   // the name as written under `services:`: findings about
                               // something missing point here
  const Node* node = nullptr;  // the service's map (merges applied)
};

struct File {
  std::string path;  // relative to the project root
  const Node* root = nullptr;
  std::vector<Service> services;  // in file order

  const Service* find(std::string_view name) const;
};

// Why a parsed file is not a usable compose file, at the node that is wrong.
struct ModelError {
  std::string message;
  int line = 0;
  int column = 0;
};

// The services of a parsed compose file: `services:` (Compose Specification, v2, v3),
// or, in a legacy v1 file (no `services` nor `version` key), every top-level key. `x-`
// extension keys are never services. Errors: the root or `services` is not a map, or a
// service is not a map. An empty file is an error too (compose refuses it).
tl::expected<File, ModelError> read_file(const infra::YamlSource& source);

struct EnvVar {
  std::string name;
  std::optional<std::string> value;  // nullopt: passed through from the shell (`- KEY`)
  const Node* node = nullptr;        // the value (map form) or the list item
};
// `environment:` as a map or as a list of "KEY=VALUE" / "KEY" strings.
std::vector<EnvVar> environment(const Service& service);

struct Port {
  std::string host_ip;    // "" when not given (= every interface)
  std::string published;  // host port or range; "" when not published to a chosen port
  std::string target;     // container port or range
  const Node* node = nullptr;
};
// `ports:` short ("[HOST_IP:][PUBLISHED:]TARGET[/PROTO]", IPv6 hosts bracketed or not,
// ${VAR} anywhere) and long ({target, published, host_ip, protocol}) syntax.
std::vector<Port> ports(const Service& service);

struct Volume {
  std::string source;  // host path or volume name; "" for an anonymous volume
  std::string target;
  const Node* node = nullptr;
};
// `volumes:` short ("SOURCE:TARGET[:MODE]") and long ({type, source, target}) syntax.
std::vector<Volume> volumes(const Service& service);

struct Dependency {
  std::string name;
  std::string condition;  // "" for the list syntax (which means service_started)
  const Node* node = nullptr;
};
// `depends_on:` as a list of names or a map of name → {condition, ...}.
std::vector<Dependency> depends_on(const Service& service);

// True when the service declares a healthcheck that is not switched off (`disable: true`,
// `test: ["NONE"]`). A healthcheck without `test` keeps the image's test: that counts.
bool has_healthcheck(const Service& service);

// A one-shot job (a migration, a seed): another service of the file waits for it with
// `condition: service_completed_successfully`.
bool is_one_shot(const File& file, const Service& service);

// Splits compose's colon-separated short syntax, keeping `${VAR:-default}` and `[::1]`
// whole.
std::vector<std::string> split_colons(std::string_view text);

// "name: value" of a map entry for evidence, at most 120 characters.
std::string evidence(std::string_view key, const Node* value);

}  // namespace shipcheck::checks::compose
