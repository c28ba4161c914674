// Reader: typed, validated access to a yaml-cpp node tree that records the first error
// with its position, so section readers can be written without error plumbing.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config.h"
#include "config/loader.h"
#include "core/parse_error.h"

namespace shipcheck::config {

// One scalar after ${VAR} expansion. `raw` is the text as written in the file (with the
// ${VAR} references, not their values), so it is what messages may quote.
struct Scalar {
  std::string value;
  std::string raw;
  SourcePos pos;
};

// A constraint on a string value: a predicate, what it expects, and how to fix it.
struct Shape {
  bool (*ok)(std::string_view);
  std::string_view expected;  // "a duration"
  std::string_view hint;      // "e.g. 10s, 30m, 1h30m"
};

SourcePos pos_of(const YAML::Node& node);
// Where column `offset` of a one-line scalar lies in the file (after its opening quote).
// Exact unless the scalar holds escapes (a quoted "\"" is two bytes in the file, one in
// the value).
SourcePos column_in(const YAML::Node& node, std::size_t offset);

// Aliases let a 1 MiB file name the same long value many times; reading more scalar bytes
// than this (each alias counted again) is refused rather than exhausting memory.
inline constexpr std::size_t k_max_read_bytes = 8 * 1024 * 1024;

// `raw` shortened to one line of at most 40 bytes, for messages.
std::string shown(std::string_view raw);

class Reader {
 public:
  // `source` is the exact text yaml-cpp parsed (marks index into it).
  Reader(std::string_view source, std::string_view file_name, const EnvLookup& env);

  // The first error wins; later calls are ignored so that one mistake gives one message.
  void fail(SourcePos pos, std::string message, std::string hint = {});
  void fail(const YAML::Node& node, std::string message, std::string hint = {});
  bool failed() const { return m_error.has_value(); }
  const std::optional<ParseError>& error() const { return m_error; }
  std::vector<std::string>& sensitive_values() { return m_sensitive; }

  using KeyVisit = std::function<void(const YAML::Node& key, const YAML::Node& value)>;
  // Visits the keys of map `node` in file order, after rejecting non-scalar, duplicate and
  // (when `keys` is not empty) unknown keys. A null node is an empty map.
  void each_key(const YAML::Node& node, const std::string& path,
                const std::vector<std::string>& keys, const KeyVisit& visit);
  // Visits the items of sequence `node`; `visit` gets the item and its path ("x[2]").
  void each_item(const YAML::Node& node, const std::string& path,
                 const std::function<void(const YAML::Node&, const std::string&)>& visit);

  // A scalar with ${VAR} expanded; nullopt for null (no error) or after an error.
  std::optional<Scalar> scalar(const YAML::Node& node, const std::string& path);
  // A scalar taken literally (no expansion): for values that name variables.
  std::optional<Scalar> literal(const YAML::Node& node, const std::string& path);

  // Typed reads: leave `out` unchanged for a null node or on error.
  void read(std::string& out, const YAML::Node& node, const std::string& path);
  void read(std::string& out, const YAML::Node& node, const std::string& path, const Shape& shape);
  void read_name(std::string& out, const YAML::Node& node, const std::string& path);
  void read(int& out, const YAML::Node& node, const std::string& path, int min, int max);
  void read(double& out, const YAML::Node& node, const std::string& path, double min, double max);
  void read(bool& out, const YAML::Node& node, const std::string& path);
  void read(std::vector<std::string>& out, const YAML::Node& node, const std::string& path,
            const Shape* shape = nullptr);

  // False (after recording an error) unless `node` is null or of the expected kind.
  bool expect_map(const YAML::Node& node, const std::string& path);
  bool expect_list(const YAML::Node& node, const std::string& path);

 private:
  bool check_quote(const YAML::Node& node);
  bool check_key(const YAML::Node& key, const std::string& path,
                 const std::vector<std::string>& keys);

  std::string_view m_source;
  std::size_t m_bytes_read = 0;  // scalar bytes handed out, aliases counted each time
  std::string m_file;
  const EnvLookup& m_env;
  std::optional<ParseError> m_error;
  std::vector<std::string> m_sensitive;
};

}  // namespace shipcheck::config
