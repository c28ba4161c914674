// envrefs: finds the environment variables a code base reads (Python, JavaScript and
// TypeScript) and whether each read has a fallback. Knows nothing of rules.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::envrefs {

struct EnvRef {
  std::string name;          // the variable, e.g. "DATABASE_URL"
  std::string file;          // relative to the scanned root, '/'-separated
  int line = 0;              // 1-based
  bool has_default = false;  // the code copes with the variable being unset
};

// The memo key for one run's scan (Memo is keyed by type).
struct EnvRefs {
  std::vector<EnvRef> refs;
};

enum class Language { python, javascript };

// Returns the references in one source text, in text order. Recognised reads:
//   Python: os.getenv("X"[, d]), os.environ["X"], os.environ.get("X"[, d]),
//           os.environ.setdefault("X", d), and fields of a class deriving from
//           BaseSettings (pydantic: upper-cased field name, env_prefix and alias honoured);
//   JS/TS:  process.env.X, process.env["X"].
// A read "has a default" when it passes one, is followed by `or` / `||` / `??`, or is
// compared with ==/!= (a flag test copes with absence). Comments and string contents are
// ignored. Linear in the text size; never throws on odd input.
std::vector<EnvRef> scan_source(std::string_view text, Language language, std::string_view file);

// Scans every .py/.js/.mjs/.cjs/.ts/.tsx/.jsx/.mts/.cts file under root, skipping hidden
// directories (.git, .venv ...), node_modules, venv (any directory with a pyvenv.cfg),
// __pycache__, dist, build, test directories (test, tests, __tests__), test files
// (test_*.py, *_test.py, conftest.py, *.test.*, *.spec.*), *.d.ts and files over 1 MiB.
// Sorted by file, then line. Unreadable entries are skipped, not reported.
std::vector<EnvRef> find_env_refs(const std::filesystem::path& root);

}  // namespace shipcheck::envrefs
