// K8S020: database migrations run in an initContainer or a Job, not in the command or
// args of a long-running workload's app container.
#include "checks/k8s/migrations.h"

#include <array>
#include <vector>

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

// A migration command: a program (matched on the word's basename, so `/app/.venv/bin/alembic`
// and `./manage.py` count) followed, in the same shell command, by its subcommand words.
struct Migrator {
  std::string_view program;
  std::array<std::string_view, 2> subcommand;  // the second may be empty
};

constexpr std::array<Migrator, 10> k_migrators{{
    {"alembic", {"upgrade", ""}},
    {"manage.py", {"migrate", ""}},
    {"django-admin", {"migrate", ""}},
    {"prisma", {"migrate", "deploy"}},
    {"rails", {"db:migrate", ""}},
    {"rake", {"db:migrate", ""}},
    {"flyway", {"migrate", ""}},
    {"knex", {"migrate:latest", ""}},
    {"sequelize", {"db:migrate", ""}},
    {"sequelize-cli", {"db:migrate", ""}},
}};

// The words of command + args, split into shell commands at ;, &&, ||, | and newlines
// (so `sh -c "alembic upgrade head && exec uvicorn ..."` is seen through).
std::vector<std::vector<std::string>> shell_commands(const std::vector<std::string>& argv) {
  std::vector<std::vector<std::string>> out(1);
  for (const auto& arg : argv) {
    std::string word;
    auto flush = [&] {
      if (!word.empty()) {
        out.back().push_back(std::move(word));
        word.clear();
      }
    };
    for (char c : arg) {
      if (c == ';' || c == '&' || c == '|' || c == '\n') {
        flush();
        if (!out.back().empty()) {
          out.emplace_back();
        }
      } else if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == ')') {
        flush();
      } else {
        word += c;
      }
    }
    flush();
  }
  return out;
}

std::string_view basename(std::string_view word) {
  const std::size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

// "alembic upgrade" when the words run a migration, else empty.
std::string migration_in_words(const std::vector<std::string>& words) {
  for (const auto& m : k_migrators) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (basename(words[i]) != m.program) {
        continue;
      }
      for (std::size_t j = i + 1; j < words.size(); ++j) {
        const bool second =
            m.subcommand[1].empty() || (j + 1 < words.size() && words[j + 1] == m.subcommand[1]);
        if (words[j] == m.subcommand[0] && second) {
          return fmt::format("{} {}{}{}", m.program, m.subcommand[0],
                             m.subcommand[1].empty() ? "" : " ", m.subcommand[1]);
        }
      }
    }
  }
  return {};
}

// The first migration that argv runs, or empty.
std::string migration_in(const std::vector<std::string>& argv);

std::vector<std::string> argv_of(const yaml::Node* container,
                                 std::initializer_list<std::string_view> fields) {
  std::vector<std::string> argv;
  for (std::string_view field : fields) {
    const yaml::Node* list = k8s::get(container, field);
    if (list != nullptr && list->is_seq()) {
      for (const yaml::Node* item : list->items) {
        argv.emplace_back(item->str());
      }
    } else if (list != nullptr && list->is_scalar()) {
      argv.emplace_back(list->value);
    }
  }
  return argv;
}

std::string migration_in(const std::vector<std::string>& argv) {
  for (const auto& words : shell_commands(argv)) {
    if (std::string found = migration_in_words(words); !found.empty()) {
      return found;
    }
  }
  return {};
}

}  // namespace

K8sMigrations::K8sMigrations()
    : K8sRule(RuleInfo{"K8S020", "kubernetes",
                       "Migrations run in an initContainer or a Job, not the app container",
                       Severity::medium,
                       "move the migration command to an initContainer (or a Job / Helm hook run "
                       "once per release) and start the app container with the server alone"}) {}

void K8sMigrations::inspect(const k8s::Objects& objects, const Config& /*config*/,
                            Tally& tally) const {
  each_container(
      objects, Scope::long_running, tally, "no app container runs database migrations",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const std::string migration = migration_in(argv_of(container.node, {"command", "args"}));
        if (migration.empty()) {
          return;
        }
        // Point at `command:` when it alone runs the migration, else at `args:`.
        const bool in_command = !migration_in(argv_of(container.node, {"command"})).empty() ||
                                k8s::entry(container.node, "args") == nullptr;
        const char* field = in_command ? "command" : "args";
        tally.findings.push_back(
            at_path(fail(fmt::format("{}: runs migrations ({}) every time a replica starts",
                                     k8s::subject(object, container), migration),
                         fmt::format("{} in {}", migration, field)),
                    object, container, {field}));
      });
}

}  // namespace shipcheck::checks
