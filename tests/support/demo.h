// The bundled demo service (scripts/demo), set up in a temporary directory and started on a
// free port base at or above the test's own, stopped on destruction: what the end-to-end demo
// tests share.
#pragma once

#include <filesystem>
#include <string>

#include "support/fixture.h"

namespace shipcheck::test {

class RunningDemo {
 public:
  // `port_base_from`: where free_demo_port_base starts, distinct per test suite so that
  // suites running at once pick different bases.
  explicit RunningDemo(int port_base_from);
  ~RunningDemo();
  RunningDemo(const RunningDemo&) = delete;
  RunningDemo& operator=(const RunningDemo&) = delete;

  std::filesystem::path path() const { return m_dir.path() / "svc"; }
  void plant(const std::string& defect) const;
  void heal() const;
  // Sets DEMO_SMOKE_TOKEN, the token the demo config's AUTH003 and smoke steps send.
  void export_smoke_token() const;

 private:
  TempDir m_dir;
};

}  // namespace shipcheck::test
