// Finding and parsing the container and orchestration files of a project.
#include "checks/infra_files.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/docker/facts.h"
#include "checks/secrets/secret_rules.h"
#include "config/detect.h"
#include "core/file_descriptor.h"
#include "core/redact.h"
#include "core/text.h"
#include "engines/secrets/filters.h"
#include "engines/secrets/matcher.h"
#include "engines/secrets/sources.h"

namespace shipcheck::checks::infra {
namespace {

namespace fs = std::filesystem;

// Bigger files are refused: no hand-written manifest or Dockerfile comes near it, and
// reading one whole would let a stray dump stall the run.
constexpr std::uintmax_t k_max_file_size = 16U << 20U;

std::string basename_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool is_yaml_name(std::string_view path) {
  return path.ends_with(".yaml") || path.ends_with(".yml");
}

// Up to `limit` bytes from the start of the open file (fewer when it is shorter).
bool read_up_to(int fd, std::string& text, std::size_t limit) {
  text.resize(limit);
  std::size_t got = 0;
  while (got < limit) {
    const ssize_t n = ::read(fd, text.data() + got, limit - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return false;
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  return true;
}

ParseError cannot_read(const std::string& rel, int error) {
  return ParseError{rel, 0, 0, "cannot read: " + std::generic_category().message(error), {}};
}

// Enough of a YAML file to tell a manifest from other YAML without reading big files.
constexpr std::size_t k_head = 64 * 1024;

// The whole file, or with `head_only` its first k_head bytes. One open and an fstat of the
// descriptor: a stat by path and then an open (twice for a manifest, once for detection)
// were much of the system time of loading thousands of files.
tl::expected<std::string, ParseError> read_file(const fs::path& root, const std::string& rel,
                                                bool head_only = false) {
  const fs::path path = root / rel;
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0) {
    return tl::make_unexpected(cannot_read(rel, errno));
  }
  if (!S_ISREG(info.st_mode)) {
    return tl::make_unexpected(cannot_read(rel, S_ISDIR(info.st_mode) ? EISDIR : ENOTSUP));
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (!head_only && size > k_max_file_size) {
    return tl::make_unexpected(ParseError{
        rel, 0, 0, fmt::format("file is {} bytes; files over 16 MiB are not linted", size), {}});
  }
  std::string text;
  const auto limit =
      static_cast<std::size_t>(head_only ? std::min<std::uintmax_t>(size, k_head) : size);
  if (!read_up_to(fd.get(), text, limit)) {
    return tl::make_unexpected(ParseError{rel, 0, 0, "cannot read the file", {}});
  }
  return text;
}

bool has_glob_chars(std::string_view text) {
  return text.find_first_of("*?[") != std::string_view::npos;
}

// Every file of the working tree (git-aware), or nothing when it cannot be listed. Only
// detection, directories and globs need the listing; named files alone do not.
std::vector<std::string> worktree_files(const fs::path& root, const ContainersConfig& config) {
  bool needed = config.detect;
  for (const auto* list : {&config.dockerfiles, &config.compose, &config.kubernetes}) {
    for (const auto& entry : *list) {
      std::error_code ec;
      needed = needed || has_glob_chars(entry) || !fs::is_regular_file(root / entry, ec);
    }
  }
  if (!needed) {
    return {};
  }
  auto listed = ::shipcheck::secrets::list_worktree_files(root);
  return listed ? std::move(*listed) : std::vector<std::string>{};
}

bool excluded(const std::vector<std::string>& globs, std::string_view path) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return glob_match(g, path); });
}

std::string normalized(std::string_view entry) {
  std::string out(trim(entry));
  while (out.starts_with("./")) {
    out.erase(0, 2);
  }
  while (out.size() > 1 && out.ends_with('/')) {
    out.pop_back();
  }
  return out;
}

struct Selection {
  std::vector<std::string> paths;
  std::vector<ParseError> missing;
};

// The files the configured list names: files as they are, directories and globs by
// `accept` among the working tree's files.
Selection select_configured(const fs::path& root, const std::vector<std::string>& entries,
                            const std::vector<std::string>& tree,
                            const std::function<bool(const std::string&)>& accept) {
  Selection out;
  for (const auto& raw : entries) {
    const std::string entry = normalized(raw);
    std::error_code ec;
    if (has_glob_chars(entry)) {
      for (const auto& path : tree) {
        if (glob_match(entry, path)) {
          out.paths.push_back(path);
        }
      }
    } else if (entry.empty() || entry == "." || fs::is_directory(root / entry, ec)) {
      const std::string prefix = entry.empty() || entry == "." ? "" : entry + "/";
      for (const auto& path : tree) {
        if (path.starts_with(prefix) && accept(path)) {
          out.paths.push_back(path);
        }
      }
    } else if (fs::is_regular_file(root / entry, ec)) {
      out.paths.push_back(entry);
    } else {
      out.missing.push_back(
          ParseError{entry, 0, 0, "configured in containers: but not found",
                     "fix the path in shipcheck.yaml (relative to the project root) or remove it"});
    }
  }
  return out;
}

std::optional<std::string> first_existing(const fs::path& root,
                                          const std::vector<std::string>& candidates) {
  for (const auto& rel : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(root / rel, ec)) {
      return rel;
    }
  }
  return std::nullopt;
}

// BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first, then the build
// context's .dockerignore; the context is usually the Dockerfile's directory or the root.
void attach_dockerignore(const fs::path& root, DockerfileSource& source) {
  const std::size_t slash = source.path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : source.path.substr(0, slash + 1);
  const auto found =
      first_existing(root, {source.path + ".dockerignore", dir + ".dockerignore", ".dockerignore"});
  if (!found) {
    return;
  }
  source.dockerignore_path = *found;
  if (auto text = read_file(root, *found)) {
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
      if (line.ends_with('\r')) {
        line.pop_back();
      }
      source.dockerignore_lines.push_back(std::move(line));
    }
  }
}

DockerfileSource load_dockerfile(const fs::path& root, const std::string& rel) {
  DockerfileSource source;
  if (auto text = read_file(root, rel)) {
    source = parse_dockerfile(rel, *text);
  } else {
    source.path = rel;
    source.error = text.error();
  }
  attach_dockerignore(root, source);
  return source;
}

YamlSource parse_yaml(const std::string& rel, std::string_view text) {
  YamlSource source;
  source.path = rel;
  if (auto parsed = yaml::parse(text, rel)) {
    source.stream = std::move(*parsed);
  } else {
    source.error = parsed.error();
    source.error->file = rel;
  }
  return source;
}

YamlSource load_yaml(const fs::path& root, const std::string& rel) {
  auto text = read_file(root, rel);
  if (!text) {
    YamlSource source;
    source.path = rel;
    source.error = text.error();
    return source;
  }
  return parse_yaml(rel, *text);
}

void sort_unique(std::vector<std::string>& paths) {
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
}

// YAML files that are not compose files, by their first 64 KiB. A file shorter than that
// was read whole: its text goes into `texts`, so that loading does not read it again.
bool is_kubernetes_file(const fs::path& root, const std::string& rel,
                        std::map<std::string, std::string>& texts) {
  if (!is_yaml_name(rel) || kind_by_name(rel) || basename_of(rel).starts_with("shipcheck.")) {
    return false;
  }
  auto head = read_file(root, rel, /*head_only=*/true);
  if (!head || !looks_like_kubernetes(*head)) {
    return false;
  }
  if (head->size() < k_head) {
    texts.emplace(rel, std::move(*head));
  }
  return true;
}

}  // namespace

std::optional<Kind> kind_by_name(std::string_view path) {
  const std::string name = basename_of(path);
  if (config::is_dockerfile_name(name)) {
    return Kind::dockerfile;
  }
  if (config::is_compose_name(name)) {
    return Kind::compose;
  }
  return std::nullopt;
}

bool looks_like_kubernetes(std::string_view text) {
  if (text.find("{{") != std::string_view::npos) {
    return false;  // a Helm or other template: not YAML until rendered
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);  // a UTF-8 BOM before the first key
  }
  bool api_version = false;
  bool kind = false;
  std::size_t start = 0;
  while (start < text.size() && !(api_version && kind)) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    std::string_view line = text.substr(start, end - start);
    // Top level of a document, or the first key of a `kind: List` item ("- apiVersion:").
    if (line.starts_with("- ")) {
      line.remove_prefix(2);
    }
    api_version = api_version || line.starts_with("apiVersion:");
    kind = kind || line.starts_with("kind:");
    start = end + 1;
  }
  return api_version && kind;
}

DockerfileSource parse_dockerfile(std::string path, std::string_view text) {
  DockerfileSource source;
  source.path = std::move(path);
  if (auto parsed = dockerfile::parse(text, source.path)) {
    source.file = std::move(*parsed);
    source.facts = docker::analyse(*source.file);
  } else {
    source.error = parsed.error();
    source.error->file = source.path;
  }
  return source;
}

InfraFiles load_infra_files(const fs::path& root, const ContainersConfig& config) {
  const std::vector<std::string> tree = worktree_files(root, config);
  auto select = [&](const std::vector<std::string>& configured,
                    const std::function<bool(const std::string&)>& accept) {
    Selection selected;
    if (configured.empty() && config.detect) {
      std::copy_if(tree.begin(), tree.end(), std::back_inserter(selected.paths),
                   [&](const std::string& path) { return accept(path); });
    } else {
      selected = select_configured(root, configured, tree, accept);
    }
    std::erase_if(selected.paths,
                  [&](const std::string& path) { return excluded(config.exclude, path); });
    sort_unique(selected.paths);
    return selected;
  };
  const Selection dockerfiles = select(
      config.dockerfiles, [](const std::string& p) { return kind_by_name(p) == Kind::dockerfile; });
  const Selection compose =
      select(config.compose, [](const std::string& p) { return kind_by_name(p) == Kind::compose; });
  std::map<std::string, std::string> manifest_texts;  // read whole by detection
  const Selection kubernetes = select(config.kubernetes, [&](const std::string& p) {
    return is_kubernetes_file(root, p, manifest_texts);
  });

  InfraFiles out;
  for (const auto& path : dockerfiles.paths) {
    out.dockerfiles.push_back(load_dockerfile(root, path));
  }
  for (const auto& error : dockerfiles.missing) {
    out.dockerfiles.push_back(DockerfileSource{error.file, std::nullopt, error, {}, {}, {}});
  }
  for (const auto& path : compose.paths) {
    out.compose.push_back(load_yaml(root, path));
  }
  for (const auto& error : compose.missing) {
    out.compose.push_back(YamlSource{error.file, std::nullopt, error});
  }
  for (const auto& path : kubernetes.paths) {
    const auto read = manifest_texts.find(path);
    out.kubernetes.push_back(read != manifest_texts.end() ? parse_yaml(path, read->second)
                                                          : load_yaml(root, path));
  }
  for (const auto& error : kubernetes.missing) {
    out.kubernetes.push_back(YamlSource{error.file, std::nullopt, error});
  }
  return out;
}

const InfraFiles& infra_files(const Context& ctx) {
  const Context* context = &ctx;
  return ctx.memo.get<InfraFiles>(
      [context] { return load_infra_files(context->root, context->config.containers); });
}

namespace {

bool is_reference(std::string_view value) {
  // ${X}, $X, $(X) (Kubernetes), {{ x }} (templates), %(x)s: the value lives elsewhere.
  if (value.find("${") != std::string_view::npos || value.find("$(") != std::string_view::npos ||
      value.find("{{") != std::string_view::npos) {
    return true;
  }
  return value.size() > 1 && value[0] == '$' &&
         (std::isalpha(static_cast<unsigned char>(value[1])) != 0 || value[1] == '_');
}

std::string to_upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return upper;
}

// PGPASSWORD-style names: the word is there, but not as a token of its own.
bool has_secret_word(std::string_view name) {
  const std::string upper = to_upper_ascii(name);
  return upper.find("PASSWORD") != std::string::npos || upper.find("PASSWD") != std::string::npos ||
         upper.find("SECRET") != std::string::npos;
}

// Settings about a secret (where it lives, how long it lasts, how it is used), not the secret.
bool names_a_location(std::string_view name) {
  const std::string upper = to_upper_ascii(name);
  for (std::string_view suffix :
       {"_FILE",     "_PATH",    "_DIR",      "_ENV",       "_VAR",      "_NAME",
        "_HEADER",   "_REF",     "_ID_FIELD", "_LENGTH",    "_TTL",      "_EXPIRY",
        "_HOURS",    "_MINUTES", "_SECONDS",  "_ALGORITHM", "_TYPE",     "_MODE",
        "_METHOD",   "_PREFIX",  "_SUFFIX",   "_ENABLED",   "_DISABLED", "_REQUIRED",
        "_PROVIDER", "_BACKEND", "_STRATEGY", "_SCHEME",    "_ISSUER",   "_AUDIENCE",
        "_HOST",     "_PORT",    "_USER",     "_USERNAME",  "_REGION",   "_ALG"}) {
    if (upper.ends_with(suffix)) {
      return true;
    }
  }
  return false;
}

bool is_plain_setting(std::string_view value) {
  const std::string lower = to_lower(value);
  if (lower == "true" || lower == "false" || lower == "yes" || lower == "no" || lower == "none" ||
      lower == "null" || lower == "~") {
    return true;
  }
  if (value.starts_with('/') || value.starts_with("./") || value.starts_with("~/")) {
    return true;  // a path to a mounted secret, not the secret
  }
  const bool digits = std::all_of(value.begin(), value.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  return digits && value.size() <= 6;
}

std::string_view unquoted(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

// A provider token anywhere in the value, whatever the name: the secrets engine decides.
bool provider_token(std::string_view name, std::string_view value) {
  if (value.size() < 16) {
    return false;
  }
  auto matcher = secrets::shared_matcher({});
  if (!matcher) {
    return false;
  }
  // One scratch per thread: allocating Vectorscan scratch per value would cost more than
  // the scan. The shared matcher lives for the process, so the scratch stays valid.
  thread_local ::shipcheck::secrets::Matcher::ScratchPtr scratch;
  if (!scratch) {
    scratch = (*matcher)->make_scratch();
  }
  const std::string text = fmt::format("{}={}\n", name, value);
  return !(*matcher)->scan(text, "config.env", *scratch).empty();
}

}  // namespace

std::optional<std::string> literal_secret(std::string_view name, std::string_view raw_value) {
  const std::string_view value = unquoted(raw_value);
  if (value.empty() || is_reference(value) || ::shipcheck::secrets::looks_like_placeholder(value)) {
    return std::nullopt;
  }
  const std::string evidence = fmt::format("{}={}", name, redact_value(value));
  if (provider_token(name, value)) {
    return evidence;
  }
  if (!(is_secret_name(name) || has_secret_word(name)) || names_a_location(name) ||
      is_plain_setting(value)) {
    return std::nullopt;
  }
  const bool url = value.find("://") != std::string_view::npos;
  if (url) {
    // A URL is a secret only when it carries a password: scheme://user:password@host.
    const std::size_t at = value.find('@');
    const std::size_t colon = value.find(':', value.find("://") + 3);
    if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) {
      return std::nullopt;
    }
  }
  return evidence;
}

Result at(Result result, const std::string& path, int line, int column) {
  result.target = path;
  result.location = Location{path, line, column, {}};
  return result;
}

}  // namespace shipcheck::checks::infra
