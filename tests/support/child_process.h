// A server the test starts as its own child (PID recorded), stopped by that PID: SIGTERM,
// then SIGKILL after a few seconds, and reaped. Never by name.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace shipcheck::test {

class ChildProcess {
 public:
  // Starts `args` (args[0] looked up in PATH) with stdout and stderr into `log`.
  // Throws when it cannot be started.
  ChildProcess(const std::vector<std::string>& args, const std::filesystem::path& log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return m_pid; }
  // True once the process has ended (it is reaped then).
  bool exited();
  // Stops it now (see above); later calls do nothing.
  void stop();

 private:
  int m_pid = 0;
  bool m_reaped = false;
};

// Polls `ready` every 10 ms until it returns true, for at most `seconds`; throws with the
// text of `log` when the process ends or the time runs out first.
void wait_until_ready(ChildProcess& process, const std::filesystem::path& log,
                      const std::string& what, const std::function<bool()>& ready,
                      int seconds = 10);

// The whole file, or "" when it cannot be read.
std::string read_text(const std::filesystem::path& path);

}  // namespace shipcheck::test
