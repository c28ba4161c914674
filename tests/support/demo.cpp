#include "support/demo.h"

#include <cstdlib>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/shipcheck_cli.h"

namespace shipcheck::test {

RunningDemo::RunningDemo(int port_base_from) {
  setenv("DEMO_PORT_BASE", std::to_string(free_demo_port_base(port_base_from)).c_str(), 1);
  run_script("demo", fmt::format("setup '{}'", path().string()));
  run_script("demo", fmt::format("start '{}'", path().string()));
}

RunningDemo::~RunningDemo() {
  try {
    run_script("demo", fmt::format("stop '{}'", path().string()));
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
}

void RunningDemo::plant(const std::string& defect) const {
  run_script("demo", fmt::format("plant '{}' {}", path().string(), defect));
}

void RunningDemo::heal() const {
  run_script("demo", fmt::format("heal '{}'", path().string()));
}

void RunningDemo::export_smoke_token() const {
  std::string token = run_script("demo", fmt::format("token '{}'", path().string()));
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) {
    token.pop_back();
  }
  setenv("DEMO_SMOKE_TOKEN", token.c_str(), 1);
}

}  // namespace shipcheck::test
