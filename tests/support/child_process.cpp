// Child servers of a test, stopped by PID (see child_process.h).
#include "support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace shipcheck::test {

ChildProcess::ChildProcess(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<std::string> copies = args;
  std::vector<char*> argv;
  for (auto& arg : copies) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  const std::string log_path = log.string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot start " + args.front());
  }
  m_pid = pid;
}

ChildProcess::~ChildProcess() {
  stop();
}

bool ChildProcess::exited() {
  if (!m_reaped && m_pid > 0) {
    int status = 0;
    m_reaped = waitpid(m_pid, &status, WNOHANG) == m_pid;
  }
  return m_reaped;
}

void ChildProcess::stop() {
  if (m_pid <= 0 || exited()) {
    return;
  }
  kill(m_pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!exited()) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(m_pid, SIGKILL);
      waitpid(m_pid, nullptr, 0);
      m_reaped = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void wait_until_ready(ChildProcess& process, const std::filesystem::path& log,
                      const std::string& what, const std::function<bool()>& ready, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (process.exited()) {
      throw std::runtime_error(what + " exited: " + read_text(log));
    }
    if (ready()) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  process.stop();
  throw std::runtime_error(what + " did not become ready: " + read_text(log));
}

}  // namespace shipcheck::test
