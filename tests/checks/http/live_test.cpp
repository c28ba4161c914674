// What the live rules share (live.h): a service that answers nothing is `error`, never a
// clean pass, for every rule that judges a batch of responses.
#include "checks/http/live.h"

#include <gtest/gtest.h>

#include "checks/http/directory_listing.h"
#include "checks/http/sensitive_files.h"
#include "checks/http/tracebacks.h"
#include "support/fixture.h"
#include "support/nginx.h"

namespace shipcheck::checks {
namespace {

TEST(LiveUnanswered, ABatchWithNoAnswerIsAnErrorNotAPass) {
  Config config;
  config.url = "https://127.0.0.1:" + std::to_string(test::free_port()) + "/";  // refused
  const std::string expected = "no request to " + config.url + " got an answer: ";
  const SensitiveFilesHidden sensitive_files;
  const NoTracebacks tracebacks;
  const NoDirectoryListing listing;
  for (const Check* check :
       {static_cast<const Check*>(&sensitive_files), static_cast<const Check*>(&tracebacks),
        static_cast<const Check*>(&listing)}) {
    const auto results = test::run_check(*check, config);
    ASSERT_EQ(test::statuses(results), "error") << check->info().id;
    EXPECT_EQ(results[0].message.rfind(expected, 0), 0U) << results[0].message;
  }
}

}  // namespace
}  // namespace shipcheck::checks
