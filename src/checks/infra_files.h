// The container and orchestration files of a project (Dockerfiles, compose files,
// Kubernetes manifests), found and parsed once per run and shared by the DKR, CMP and K8S
// checks through the context's memo.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/parse_error.h"
#include "core/result.h"
#include "engines/dockerfile/dockerfile.h"
#include "engines/yaml/document.h"

namespace shipcheck {
struct Context;
}

namespace shipcheck::checks::docker {
struct Facts;
}

namespace shipcheck::checks::infra {

enum class Kind { dockerfile, compose, kubernetes };

struct DockerfileSource {
  std::string path;                      // relative to the root, '/'-separated
  std::optional<dockerfile::File> file;  // nullopt when it did not parse
  std::optional<ParseError> error;       // why (file = path)
  // The .dockerignore of the build context (the Dockerfile's directory, else the root):
  // its path relative to the root and its lines; nullopt when there is none.
  std::optional<std::string> dockerignore_path;
  std::vector<std::string> dockerignore_lines;
  // What the DKR rules derive from `file`, computed once (set when `file` is).
  std::shared_ptr<const docker::Facts> facts;
};

struct YamlSource {
  std::string path;
  std::optional<yaml::Stream> stream;
  std::optional<ParseError> error;
};

struct InfraFiles {
  std::vector<DockerfileSource> dockerfiles;  // sorted by path
  std::vector<YamlSource> compose;
  std::vector<YamlSource> kubernetes;
};

// What a file is by its name alone: Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile
// (any case); docker-compose*.y(a)ml, compose*.y(a)ml. nullopt for anything else.
std::optional<Kind> kind_by_name(std::string_view path);

// True when YAML text looks like Kubernetes objects: some document has top-level
// `apiVersion:` and `kind:` keys. Helm templates (`{{`) are not manifests.
bool looks_like_kubernetes(std::string_view text);

// Finds the files of `config.containers` under `root` (each list: files, directories
// searched recursively, or globs; an empty list = detect by name, or for Kubernetes by
// content, among the working tree's files: tracked plus untracked-not-ignored in git, all
// but .gitignored ones outside), minus `exclude`, and parses each. Files over 16 MiB are
// reported as parse errors, not read.
// `text` parsed as the Dockerfile at `path` (relative to the root) and analysed for the DKR
// rules; `error` is set instead when it does not parse. No .dockerignore is attached.
DockerfileSource parse_dockerfile(std::string path, std::string_view text);

InfraFiles load_infra_files(const std::filesystem::path& root, const ContainersConfig& config);

// The run's InfraFiles, loaded on first use.
const InfraFiles& infra_files(const Context& ctx);

// Whether `value`, assigned to `name` (an ENV/ARG/LABEL key, a compose environment key, a
// ConfigMap key, a container env name), is a literal secret: a token the secrets engine
// recognises, or a secret-looking name (password, token, secret, api key, private key,
// credentials, ...) bound to a literal that is not a reference (${X}, $X, $(X)), a
// placeholder, a file path or empty. Returns redacted evidence ("SECRET_KEY=k3J9…(40)")
// when it is, nullopt when not.
std::optional<std::string> literal_secret(std::string_view name, std::string_view value);

// `result` located at path:line:column, target = path.
Result at(Result result, const std::string& path, int line = 0, int column = 0);

}  // namespace shipcheck::checks::infra
