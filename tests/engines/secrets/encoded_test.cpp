// Encoded runs: found wherever they sit relative to the 64-byte windows the SSE2 path
// classifies, and only when long enough and decoding to text.
#include "engines/secrets/encoded.h"

#include <gtest/gtest.h>

#include "support/secret_samples.h"

namespace shipcheck::secrets {
namespace {

// Plain words around the run, so that neighbouring bytes are outside the alphabet.
std::string around(const std::string& run, std::size_t offset) {
  std::string text;
  while (text.size() < offset) {
    text += text.size() % 7 == 6 ? ' ' : 'w';
  }
  text.resize(offset);
  if (offset > 0) {
    text.back() = ' ';
  }
  return text + run + " and some trailing words, a few of them, to pass a window or two.\n";
}

TEST(EncodedRuns, FindsABase64RunAtEveryOffset) {
  const std::string run = test::base64("password=correct-horse-battery");  // 40 characters
  for (std::size_t offset = 0; offset < 200; ++offset) {
    const auto runs = find_encoded_runs(around(run, offset));
    ASSERT_EQ(runs.size(), 1U) << "offset " << offset;
    EXPECT_EQ(runs[0].offset, offset);
    EXPECT_EQ(runs[0].length, run.size());
    EXPECT_EQ(runs[0].encoding, "base64");
    EXPECT_EQ(runs[0].decoded, "password=correct-horse-battery");
  }
}

TEST(EncodedRuns, NeedsTwentyCharactersThatDecodeToText) {
  const std::string twenty = test::base64("token=abcdefghi");  // 20 characters, no padding
  ASSERT_EQ(twenty.size(), 20U);
  EXPECT_EQ(find_encoded_runs(around(twenty, 70)).size(), 1U);
  const std::string short_run = test::base64("token=abcd");  // 16 characters
  EXPECT_TRUE(find_encoded_runs(around(short_run, 70)).empty());
  // Identifiers and binary data are long alphabet runs too, but decode to no text.
  EXPECT_TRUE(find_encoded_runs(around("AbstractSingletonProxyFactoryBean2", 70)).empty());
  EXPECT_TRUE(find_encoded_runs(around(test::random_alnum(300, 5), 70)).empty());
}

TEST(EncodedRuns, FindsHexAndPercentEncodedText) {
  std::string hex;
  for (const char c : std::string("secret=hunter2hunter2")) {
    static constexpr char k_digits[] = "0123456789abcdef";
    hex += k_digits[static_cast<unsigned char>(c) >> 4U];
    hex += k_digits[static_cast<unsigned char>(c) & 15U];
  }
  const auto hex_runs = find_encoded_runs(around(hex, 90));
  ASSERT_EQ(hex_runs.size(), 1U);
  EXPECT_EQ(hex_runs[0].encoding, "hex");
  EXPECT_EQ(hex_runs[0].decoded, "secret=hunter2hunter2");
  const auto percent = find_encoded_runs("url=https://x.test/?q=%70%61%73%73%3Dhunter2 end");
  ASSERT_EQ(percent.size(), 1U);
  EXPECT_EQ(percent[0].encoding, "percent");
  EXPECT_NE(percent[0].decoded.find("pass=hunter2"), std::string::npos);
}

TEST(EncodedRuns, AStretchOfAlphabetLongerThanAWindowIsOneRun) {
  const std::string blob = test::base64(std::string(600, 'a') + " key=value");
  const auto runs = find_encoded_runs(around(blob, 33));
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0].offset, 33U);
  EXPECT_EQ(runs[0].length, blob.size());
}

}  // namespace
}  // namespace shipcheck::secrets
