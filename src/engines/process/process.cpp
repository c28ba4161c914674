// posix_spawn rather than fork: the runner has threads, and only posix_spawn (vfork-like in
// glibc) is safe and cheap to call from one while others hold locks.
#include "engines/process/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include <fmt/format.h>

extern char** environ;  // NOLINT: POSIX names it so

namespace shipcheck::process {
namespace {

using Clock = std::chrono::steady_clock;

// Our environment with `extra` set on top, as NAME=value strings.
std::vector<std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::size_t eq = entry.find('=');
    if (eq != std::string_view::npos) {
      vars[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
    }
  }
  for (const auto& [name, value] : extra) {
    vars[name] = value;
  }
  std::vector<std::string> out;
  out.reserve(vars.size());
  for (const auto& [name, value] : vars) {
    out.push_back(name + "=" + value);
  }
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

struct Pipe {
  int read = -1;
  int write = -1;
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read >= 0) {
      ::close(read);
      read = -1;
    }
  }
  void close_write() {
    if (write >= 0) {
      ::close(write);
      write = -1;
    }
  }
};

// Spawns `command` with its stdout and stderr on `out`; the child's PID, or errno's text.
pid_t spawn(const Command& command, const Pipe& out, std::string& why) {
  std::vector<std::string> argv = command.argv;
  std::vector<std::string> env = child_environment(command.env);
  auto argv_ptrs = pointers(argv);
  auto env_ptrs = pointers(env);
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, out.write, 2);
  if (!command.cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, command.cwd.c_str());
  }
  // Its own process group, so that the deadline ends whatever it started too.
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc =
      posix_spawnp(&pid, argv_ptrs[0], &actions, &attr, argv_ptrs.data(), env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    why = fmt::format("{}: {}", command.argv[0], rc == ENOENT ? "not found" : std::strerror(rc));
    return -1;
  }
  return pid;
}

void keep_tail(std::string& kept, std::string_view more, std::size_t limit) {
  kept.append(more);
  if (kept.size() > limit) {
    kept.erase(0, kept.size() - limit);
  }
}

// Reads the child's output until it closes it or the deadline passes; false at the deadline.
bool drain(int fd, Clock::time_point deadline, std::string& kept, std::size_t limit) {
  char buffer[8192];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      return false;
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) {
      return true;
    }
    if (ready <= 0) {
      continue;
    }
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
      return true;
    }
    if (n > 0) {
      keep_tail(kept, std::string_view(buffer, static_cast<std::size_t>(n)), limit);
    }
  }
}

// Waits for `pid` until the deadline (the child may close its output before it exits);
// false at the deadline.
bool reap(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      return true;
    }
    if (Clock::now() >= deadline) {
      return false;
    }
    ::usleep(5000);
  }
}

}  // namespace

std::string Outcome::status_text() const {
  if (!started) {
    return "not started: " + start_error;
  }
  if (timed_out) {
    return "no end within the time allowed (killed)";
  }
  if (signal != 0) {
    return fmt::format("killed by signal {}", signal);
  }
  return fmt::format("exit status {}", exit_code);
}

std::string Outcome::last_line() const {
  std::string_view text(output);
  while (!text.empty()) {
    const std::size_t start = text.find_last_of('\n', text.size() - 1);
    const std::string_view line = start == std::string_view::npos ? text : text.substr(start + 1);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      const std::string_view trimmed = line.substr(first);
      return std::string(trimmed.substr(0, std::min<std::size_t>(trimmed.size(), 300)));
    }
    if (start == std::string_view::npos) {
      break;
    }
    text = text.substr(0, start);
  }
  return {};
}

Outcome run(const Command& command) {
  Outcome outcome;
  if (command.argv.empty()) {
    outcome.start_error = "no command";
    return outcome;
  }
  const auto start = Clock::now();
  const auto deadline = start + command.timeout;
  Pipe out;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    outcome.start_error = std::strerror(errno);
    return outcome;
  }
  out.read = fds[0];
  out.write = fds[1];
  const pid_t pid = spawn(command, out, outcome.start_error);
  out.close_write();
  if (pid < 0) {
    return outcome;
  }
  outcome.started = true;
  int status = 0;
  const bool ended =
      drain(out.read, deadline, outcome.output, command.keep_output) && reap(pid, deadline, status);
  if (!ended) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    outcome.timed_out = true;
  }
  outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!outcome.timed_out && WIFEXITED(status)) {
    outcome.exit_code = WEXITSTATUS(status);
  } else if (!outcome.timed_out && WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  }
  return outcome;
}

}  // namespace shipcheck::process
