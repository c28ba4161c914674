// envrefs: environment variable reads in Python and JS/TS code, and the directory walk.
#include "engines/envrefs/envrefs.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <system_error>
#include <tuple>

#include "engines/envrefs/source_text.h"

namespace shipcheck::envrefs {
namespace {

constexpr std::size_t k_max_file_bytes = std::size_t{1024} * 1024;

bool starts_with_word(std::string_view code, std::size_t pos, std::string_view word) {
  return code.compare(pos, word.size(), word) == 0 &&
         (pos + word.size() >= code.size() || !is_ident_char(code[pos + word.size()]));
}

// Matches reads of one source text; each finder starts at an identifier's end.
class CallScanner {
 public:
  CallScanner(const SourceText& source, Language language, std::string_view file)
      : m_src(source),
        m_code(source.code()),
        m_python(language == Language::python),
        m_file(file) {}

  std::vector<EnvRef> run() {
    std::size_t i = 0;
    while (i < m_code.size()) {
      if (!is_ident_char(m_code[i]) || (i > 0 && is_ident_char(m_code[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < m_code.size() && is_ident_char(m_code[end])) {
        ++end;
      }
      on_identifier(i, m_code.substr(i, end - i), end);
      i = end;
    }
    return std::move(m_refs);
  }

 private:
  void on_identifier(std::size_t start, std::string_view ident, std::size_t end) {
    if (m_python && ident == "getenv") {
      python_call(start, end);
    } else if (m_python && ident == "environ") {
      python_environ(start, end);
    } else if (!m_python && ident == "process") {
      js_process_env(start, end);
    }
  }

  // `environ["X"]`, `environ.get("X", ...)`, `environ.setdefault("X", d)`.
  void python_environ(std::size_t start, std::size_t end) {
    std::size_t p = m_src.skip_space(end);
    if (p < m_code.size() && m_code[p] == '[') {
      std::size_t after = 0;
      if (auto name = m_src.literal_at(m_src.skip_space(p + 1), after)) {
        add(*name, start, false);
      }
      return;
    }
    if (p >= m_code.size() || m_code[p] != '.') {
      return;
    }
    p = m_src.skip_space(p + 1);
    if (starts_with_word(m_code, p, "get")) {
      python_call(start, p + 3);
    } else if (starts_with_word(m_code, p, "setdefault")) {
      python_call(start, p + 10, true);
    }
  }

  // `getenv("X")` / `get("X")` at `end` (just after the function name).
  void python_call(std::size_t start, std::size_t end, bool always_default = false) {
    const std::size_t open = m_src.skip_space(end);
    if (open >= m_code.size() || m_code[open] != '(') {
      return;
    }
    std::size_t after = 0;
    const auto name = m_src.literal_at(m_src.skip_space(open + 1), after);
    if (!name) {
      return;
    }
    const std::size_t p = m_src.skip_space(after);
    const bool second_arg = at(p) == ',' && at(m_src.skip_space(p + 1)) != ')';
    const std::size_t close = matching_paren(open);
    const bool fallback = close != std::string_view::npos && followed_by_fallback(close + 1);
    add(*name, start, always_default || second_arg || fallback || preceded_by_compare(start));
  }

  // `process.env.X`, `process.env?.X`, `process.env["X"]`.
  void js_process_env(std::size_t start, std::size_t end) {
    std::size_t p = m_src.skip_space(end);
    if (p >= m_code.size() || m_code[p] != '.') {
      return;
    }
    p = m_src.skip_space(p + 1);
    if (!starts_with_word(m_code, p, "env")) {
      return;
    }
    p = m_src.skip_space(p + 3);
    std::optional<std::string> name;
    std::size_t after = p;
    if (m_code.compare(p, 2, "?.") == 0 || (p < m_code.size() && m_code[p] == '.')) {
      p = m_src.skip_space(p + (m_code[p] == '?' ? 2 : 1));
      after = p;
      while (after < m_code.size() && is_ident_char(m_code[after])) {
        ++after;
      }
      name = std::string(m_code.substr(p, after - p));
    } else if (p < m_code.size() && m_code[p] == '[') {
      name = m_src.literal_at(m_src.skip_space(p + 1), after);
      after = m_src.skip_space(after);
      if (at(after) != ']') {
        return;
      }
      ++after;
    }
    if (name) {
      if (after < m_code.size() && m_code[after] == '!' && m_code.compare(after, 2, "!=") != 0) {
        ++after;  // TypeScript non-null assertion
      }
      add(*name, start, followed_by_fallback(after) || preceded_by_compare(start));
    }
  }

  char at(std::size_t pos) const { return pos < m_code.size() ? m_code[pos] : '\0'; }

  std::size_t matching_paren(std::size_t open) const {
    int depth = 0;
    const std::size_t limit = std::min(m_code.size(), open + k_max_call_chars);
    for (std::size_t i = open; i < limit; ++i) {
      if (m_code[i] == '(') {
        ++depth;
      } else if (m_code[i] == ')' && --depth == 0) {
        return i;
      }
    }
    return std::string_view::npos;
  }

  // `or`, `||`, `??`, a comparison or (Python) a membership test follows the read.
  bool followed_by_fallback(std::size_t pos) const {
    const std::size_t p = m_src.skip_space(pos);
    for (std::string_view op : {"||", "??", "==", "!="}) {
      if (m_code.compare(p, op.size(), op) == 0) {
        return true;
      }
    }
    if (!m_python) {
      return false;
    }
    constexpr std::array<std::string_view, 4> k_words = {"or", "in", "not", "is"};
    return std::any_of(k_words.begin(), k_words.end(),
                       [&](std::string_view word) { return starts_with_word(m_code, p, word); });
  }

  bool preceded_by_compare(std::size_t start) const {
    std::size_t p = start;
    while (p > 0 && std::isspace(static_cast<unsigned char>(m_code[p - 1])) != 0) {
      --p;
    }
    // Skip the `os.` of `os.getenv`, the only receiver written before a read.
    if (p >= 3 && m_code.compare(p - 3, 3, "os.") == 0) {
      p -= 3;
      while (p > 0 && std::isspace(static_cast<unsigned char>(m_code[p - 1])) != 0) {
        --p;
      }
    }
    return p >= 2 && (m_code.compare(p - 2, 2, "==") == 0 || m_code.compare(p - 2, 2, "!=") == 0);
  }

  void add(const std::string& name, std::size_t pos, bool has_default) {
    if (is_env_name(name)) {
      m_refs.push_back(EnvRef{name, std::string(m_file), m_src.line_of(pos), has_default});
    }
  }

  const SourceText& m_src;
  std::string_view m_code;
  bool m_python;
  std::string_view m_file;
  std::vector<EnvRef> m_refs;
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::optional<Language> language_of(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  if (ends_with(name, ".py")) {
    return Language::python;
  }
  if (ends_with(name, ".d.ts")) {
    return std::nullopt;
  }
  constexpr std::array<std::string_view, 8> k_js = {".js",  ".mjs", ".cjs", ".ts",
                                                    ".tsx", ".jsx", ".mts", ".cts"};
  for (std::string_view ext : k_js) {
    if (ends_with(name, ext)) {
      return Language::javascript;
    }
  }
  return std::nullopt;
}

bool is_test_file(std::string_view name) {
  return name.rfind("test_", 0) == 0 || ends_with(name, "_test.py") || name == "conftest.py" ||
         name.find(".test.") != std::string_view::npos ||
         name.find(".spec.") != std::string_view::npos;
}

bool is_skipped_dir(const std::filesystem::path& dir) {
  constexpr std::array<std::string_view, 8> k_skipped = {
      "node_modules", "venv", "__pycache__", "dist", "build", "test", "tests", "__tests__"};
  const std::string name = dir.filename().string();
  std::error_code ec;
  return name.rfind('.', 0) == 0 ||
         std::find(k_skipped.begin(), k_skipped.end(), name) != k_skipped.end() ||
         std::filesystem::exists(dir / "pyvenv.cfg", ec);
}

std::optional<std::string> read_small_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > k_max_file_bytes) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::vector<EnvRef> scan_source(std::string_view text, Language language, std::string_view file) {
  const SourceText source(text, language);
  std::vector<EnvRef> refs = CallScanner(source, language, file).run();
  if (language == Language::python) {
    auto fields = scan_pydantic(source, file);
    refs.insert(refs.end(), std::make_move_iterator(fields.begin()),
                std::make_move_iterator(fields.end()));
    std::stable_sort(refs.begin(), refs.end(),
                     [](const EnvRef& a, const EnvRef& b) { return a.line < b.line; });
  }
  return refs;
}

std::vector<EnvRef> find_env_refs(const std::filesystem::path& root) {
  std::vector<EnvRef> refs;
  std::error_code ec;
  const auto options = std::filesystem::directory_options::skip_permission_denied;
  std::filesystem::recursive_directory_iterator it(root, options, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const auto& path = it->path();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (is_skipped_dir(path)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    const auto language = language_of(path);
    if (!language || is_test_file(path.filename().string()) || !it->is_regular_file(type_ec)) {
      continue;
    }
    if (const auto text = read_small_file(path)) {
      auto found = scan_source(*text, *language, path.lexically_relative(root).generic_string());
      refs.insert(refs.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
    }
  }
  std::sort(refs.begin(), refs.end(), [](const EnvRef& a, const EnvRef& b) {
    return std::tie(a.file, a.line, a.name) < std::tie(b.file, b.line, b.name);
  });
  return refs;
}

}  // namespace shipcheck::envrefs
