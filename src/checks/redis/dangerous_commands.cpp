// RDS009: for each command in dependencies.redis.dangerous_commands, without ever sending
// it: COMMAND INFO answers nil once rename-command has renamed it away; otherwise ACL DRYRUN
// (Redis 7+) asks whether the URL's user (ACL WHOAMI) may run it, with placeholder
// arguments up to its arity. A bare container command (CONFIG) stands for each of its
// subcommands in @dangerous. DEBUG and MODULE also count as restricted when
// enable-debug-command / enable-module-command keep them off (Redis 7's default for DEBUG),
// which ACL DRYRUN does not see.
#include "checks/redis/dangerous_commands.h"

#include <algorithm>

#include <fmt/format.h>

#include "config/config.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// One question for ACL DRYRUN: "CONFIG SET" and the words to send after the user name.
struct DryrunProbe {
  std::string label;
  std::vector<std::string> args;
};

struct Verdicts {
  std::vector<std::string> restricted;  // "FLUSHALL (renamed)", "KEYS (denied)"
  std::vector<std::string> allowed;
  std::vector<std::string> unknown;  // "KEYS: NOPERM ..."
};

// COMMAND INFO entry fields: [1] arity, [6] ACL categories and [9] subcommands (Redis 7+).
long long arity_of(const redis::Reply& entry) {
  return entry.elements.size() > 1 ? entry.elements[1].integer : 1;
}

bool in_category(const redis::Reply& entry, std::string_view category) {
  if (entry.elements.size() < 7) {
    return false;
  }
  const auto& categories = entry.elements[6].elements;
  return std::any_of(categories.begin(), categories.end(),
                     [&](const redis::Reply& c) { return c.text == category; });
}

const std::vector<redis::Reply>& subcommands_of(const redis::Reply& entry) {
  static const std::vector<redis::Reply> k_none;
  return entry.elements.size() > 9 ? entry.elements[9].elements : k_none;
}

// `words` followed by placeholders up to `arity` (negative: at least that many words).
DryrunProbe probe_of(const std::vector<std::string>& words, long long arity) {
  DryrunProbe probe{to_upper(words.front()), words};
  for (std::size_t i = 1; i < words.size(); ++i) {
    probe.label += " " + to_upper(words[i]);
  }
  const auto want = static_cast<std::size_t>(arity < 0 ? -arity : arity);
  while (probe.args.size() < want) {
    probe.args.emplace_back("x");
  }
  return probe;
}

// The probes for `command` ("CONFIG", "CONFIG SET"), given its COMMAND INFO entry; empty
// with `problem` set when the subcommand does not exist.
std::vector<DryrunProbe> probes_for(const std::string& command, const redis::Reply& entry,
                                    std::string& problem) {
  const auto words = split(command, ' ');
  const auto& subcommands = subcommands_of(entry);
  // Without subcommands (a plain command, or Redis 6's COMMAND INFO) the words go as written.
  if (subcommands.empty()) {
    return {probe_of(words, arity_of(entry))};
  }
  if (words.size() > 1) {
    const std::string full = to_lower(words[0] + "|" + words[1]);
    for (const auto& sub : subcommands) {
      if (!sub.elements.empty() && to_lower(sub.elements[0].text) == full) {
        return {probe_of(words, arity_of(sub))};
      }
    }
    problem = "the server has no such subcommand";
    return {};
  }
  std::vector<DryrunProbe> probes;
  const bool any_dangerous = std::any_of(subcommands.begin(), subcommands.end(), [](const auto& s) {
    return in_category(s, "@dangerous");
  });
  for (const auto& sub : subcommands) {
    if (!sub.elements.empty() && (!any_dangerous || in_category(sub, "@dangerous"))) {
      probes.push_back(probe_of(split(sub.elements[0].text, '|'), arity_of(sub)));
    }
  }
  return probes;
}

// DEBUG and MODULE switched off server-wide by enable-debug-command / enable-module-command
// ("no", or "local": only clients on the server's own host).
std::string switched_off(const std::string& command, const redis_facts::Facts& facts) {
  const std::string name = to_upper(split(command, ' ').front());
  const char* parameter = name == "DEBUG"    ? "enable-debug-command"
                          : name == "MODULE" ? "enable-module-command"
                                             : nullptr;
  if (parameter == nullptr) {
    return "";
  }
  const auto it = facts.config.find(parameter);
  if (it == facts.config.end() || (it->second != "no" && it->second != "local")) {
    return "";
  }
  return fmt::format("{} {}", parameter, it->second);
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return text;
}

// What to do about a DRYRUN that could not answer.
std::string hint_for(const std::string& reason) {
  if (reason.find("NOPERM") != std::string::npos) {
    return " (the URL's user may not run ACL DRYRUN: grant it +acl|dryrun, or rename the "
           "commands away)";
  }
  if (contains_icase(reason, "unknown subcommand")) {
    return " (ACL DRYRUN needs Redis 7; rename the commands away to pass on older servers)";
  }
  return "";
}

}  // namespace

RedisDangerousCommands::RedisDangerousCommands()
    : RedisRule(RuleInfo{"RDS009", "redis", "Dangerous Redis commands are renamed or denied",
                         Severity::medium,
                         "deny them to the service's ACL user (`-@dangerous`, or `-flushall "
                         "-flushdb -config -keys -debug`) or rename-command them to \"\""}) {}

std::vector<Result> RedisDangerousCommands::check(const Context& /*ctx*/,
                                                  const redis_facts::Setup& setup,
                                                  const redis_facts::Facts& facts) const {
  const auto& commands = setup.config->dangerous_commands;
  if (commands.empty()) {
    return {skip("no dependencies.redis.dangerous_commands in shipcheck.yaml")};
  }
  auto connection = redis::Connection::open(setup.url, setup.timeout);
  if (!connection) {
    return {error(redis_facts::describe(connection.error()))};
  }
  std::string user = setup.url.user.empty() ? "default" : setup.url.user;
  if (auto whoami = connection->command({"ACL", "WHOAMI"}); whoami && !whoami->is_error()) {
    user = whoami->text;
  }
  Verdicts verdicts;
  for (const auto& command : commands) {
    if (auto off = switched_off(command, facts); !off.empty()) {
      verdicts.restricted.push_back(fmt::format("{} ({})", command, off));
      continue;
    }
    auto info = connection->command({"COMMAND", "INFO", split(command, ' ').front()});
    if (!info) {
      return {error(redis_facts::describe(info.error()))};
    }
    if (info->is_error()) {
      return {error(fmt::format("COMMAND INFO was refused: {}", info->text))};
    }
    if (info->elements.empty() || info->elements[0].type == redis::Reply::Type::nil) {
      verdicts.restricted.push_back(command + " (renamed)");
      continue;
    }
    std::string problem;
    const auto probes = probes_for(command, info->elements[0], problem);
    if (!problem.empty()) {
      verdicts.unknown.push_back(fmt::format("{}: {}", command, problem));
    }
    for (const auto& probe : probes) {
      std::vector<std::string> args = {"ACL", "DRYRUN", user};
      args.insert(args.end(), probe.args.begin(), probe.args.end());
      auto reply = connection->command(args);
      if (!reply) {
        return {error(redis_facts::describe(reply.error()))};
      }
      if (reply->is_error()) {
        verdicts.unknown.push_back(fmt::format("{}: {}", probe.label, reply->text));
      } else if (reply->text == "OK") {
        verdicts.allowed.push_back(probe.label);
      } else {
        verdicts.restricted.push_back(probe.label + " (denied)");
      }
    }
  }
  std::string evidence = fmt::format("user {}", user);
  for (const auto& [name, items] :
       {std::pair{"restricted", &verdicts.restricted}, std::pair{"allowed", &verdicts.allowed},
        std::pair{"could not tell", &verdicts.unknown}}) {
    if (!items->empty()) {
      evidence += fmt::format("; {}: {}", name, joined(*items));
    }
  }
  if (!verdicts.allowed.empty()) {
    return {
        fail(fmt::format("user {} may still run {}", user, joined(verdicts.allowed)), evidence)};
  }
  if (!verdicts.unknown.empty()) {
    const std::string& first = verdicts.unknown.front();
    return {error(
        fmt::format("could not tell whether user {} may run {}{}", user, first, hint_for(first)))};
  }
  return {pass(fmt::format("{} renamed or denied to user {}", joined(commands), user), evidence)};
}

}  // namespace shipcheck::checks
