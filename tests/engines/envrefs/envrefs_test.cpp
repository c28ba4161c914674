// envrefs: environment variable reads found in Python and JS/TS code.
#include "engines/envrefs/envrefs.h"

#include <chrono>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::envrefs {
namespace {

// "NAME:line:d" per ref (d = has a default, r = required), joined by spaces.
std::string describe(const std::vector<EnvRef>& refs) {
  std::string out;
  for (const auto& ref : refs) {
    out += (out.empty() ? "" : " ") + ref.name + ":" + std::to_string(ref.line) + ":" +
           (ref.has_default ? "d" : "r");
  }
  return out;
}

std::string python(std::string_view text) {
  return describe(scan_source(text, Language::python, "app.py"));
}
std::string js(std::string_view text) {
  return describe(scan_source(text, Language::javascript, "app.ts"));
}

TEST(EnvRefs, PythonGetenvWithAndWithoutDefault) {
  EXPECT_EQ(python("import os\n"
                   "a = os.getenv(\"DATABASE_URL\")\n"
                   "b = os.getenv('LOG_LEVEL', 'INFO')\n"
                   "c = getenv(\"REDIS_URL\")\n"),
            "DATABASE_URL:2:r LOG_LEVEL:3:d REDIS_URL:4:r");
}

TEST(EnvRefs, PythonEnvironSubscriptGetAndSetdefault) {
  EXPECT_EQ(python("x = os.environ[\"SECRET_KEY\"]\n"
                   "y = os.environ.get(\"SENTRY_DSN\")\n"
                   "z = os.environ.get(\"PORT\", \"8000\")\n"
                   "os.environ.setdefault(\"TZ\", \"UTC\")\n"
                   "w = os.environ [ 'API_KEY' ]\n"),
            "SECRET_KEY:1:r SENTRY_DSN:2:r PORT:3:d TZ:4:d API_KEY:5:r");
}

TEST(EnvRefs, PythonFallbacksAndFlagTestsCountAsDefaults) {
  EXPECT_EQ(python("a = os.getenv(\"A\") or \"x\"\n"
                   "b = os.getenv(\"B\") == \"true\"\n"
                   "c = \"1\" == os.getenv(\"C\")\n"
                   "d = os.environ.get(\"D\", None)\n"
                   "e = os.getenv(\"E\") in (\"1\", \"yes\")\n"
                   "f = os.getenv(\n    \"F\",\n    \"x\",\n)\n"),
            "A:1:d B:2:d C:3:d D:4:d E:5:d F:6:d");
}

TEST(EnvRefs, PythonIgnoresCommentsDocstringsAndDynamicNames) {
  EXPECT_EQ(python("# os.getenv(\"IN_COMMENT\")\n"
                   "\"\"\"Docs: os.environ[\"IN_DOCSTRING\"]\"\"\"\n"
                   "s = 'os.getenv(\"IN_STRING\")'\n"
                   "n = os.getenv(name)\n"
                   "f = os.getenv(f\"{P}_X\")\n"
                   "bad = os.getenv(\"not a name\")\n"
                   "ok = os.getenv(\"REAL\")  # os.getenv(\"TRAILING\")\n"),
            "REAL:7:r");
}

TEST(EnvRefs, PydanticSettingsFieldsWithoutDefaultAreRequired) {
  EXPECT_EQ(python("from pydantic_settings import BaseSettings\n"
                   "\n"
                   "class Settings(BaseSettings):\n"
                   "    \"\"\"App settings.\n"
                   "    database_url: str (inside the docstring)\n"
                   "    \"\"\"\n"
                   "    database_url: str\n"
                   "    debug: bool = False\n"
                   "    secret_key: str = Field(...)\n"
                   "    log_level: str = Field(\"INFO\")\n"
                   "    redis_url: str = Field(default=\"redis://localhost\")\n"
                   "    api_key: str = Field(alias=\"OPENAI_API_KEY\")\n"
                   "    origins: list[str] = Field(default_factory=list)\n"
                   "    _private: str\n"
                   "    VERSION: ClassVar[str] = \"1\"\n"
                   "\n"
                   "    def url(self) -> str:\n"
                   "        x: int = 1\n"
                   "        return self.database_url\n"
                   "\n"
                   "class Other:\n"
                   "    name: str\n"),
            "DATABASE_URL:7:r DEBUG:8:d SECRET_KEY:9:r LOG_LEVEL:10:d REDIS_URL:11:d "
            "OPENAI_API_KEY:12:r ORIGINS:13:d");
}

TEST(EnvRefs, PydanticEnvPrefixIsHonoured) {
  EXPECT_EQ(python("class Settings(pydantic_settings.BaseSettings):\n"
                   "    model_config = SettingsConfigDict(env_prefix=\"APP_\")\n"
                   "    database_url: str\n"
                   "\n"
                   "class Legacy(BaseSettings):\n"
                   "    token: str\n"
                   "    class Config:\n"
                   "        env_prefix = 'OLD_'\n"),
            "APP_DATABASE_URL:3:r OLD_TOKEN:6:r");
}

TEST(EnvRefs, JavaScriptProcessEnv) {
  EXPECT_EQ(js("const url = process.env.DATABASE_URL;\n"
               "const port = process.env.PORT || 3000;\n"
               "const key = process.env[\"API_KEY\"];\n"
               "const mode = process.env.NODE_ENV === 'production';\n"
               "const t = process.env.TOKEN ?? '';\n"
               "const s = process.env.SECRET!;\n"
               "// process.env.IN_COMMENT\n"
               "/* process.env.IN_BLOCK */\n"
               "const q = 'process.env.IN_STRING';\n"),
            "DATABASE_URL:1:r PORT:2:d API_KEY:3:r NODE_ENV:4:d TOKEN:5:d SECRET:6:r");
}

TEST(EnvRefs, JavaScriptTemplateLiteralCodeIsScanned) {
  EXPECT_EQ(js("const u = `${process.env.API_URL}/v1 ${ {a: 1}.a } process.env.NOT_CODE`;\n"
               "const v = process.env.AFTER;\n"),
            "API_URL:1:r AFTER:2:r");
}

TEST(EnvRefs, OddInputNeitherCrashesNorHangs) {
  for (std::string_view text : {"os.getenv(", "os.environ[", "process.env.", "\"\"\"", "`${",
                                "class S(BaseSettings):\n    x: str = Field(", "'", "}`}`"}) {
    EXPECT_NO_THROW(scan_source(text, Language::python, "x.py"));
    EXPECT_NO_THROW(scan_source(text, Language::javascript, "x.js"));
  }
  const std::string big(2'000'000, '(');
  const auto start = std::chrono::steady_clock::now();
  scan_source("os.getenv" + big, Language::python, "x.py");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(EnvRefs, WalkSkipsVendorTestAndBigFiles) {
  test::TempDir dir;
  dir.write("app/main.py", "import os\nX = os.environ['APP_VAR']\n");
  dir.write("web/src/api.ts", "export const u = process.env.WEB_VAR;\n");
  dir.write("web/src/env.d.ts", "process.env.DTS_VAR\n");
  dir.write("node_modules/lib/index.js", "process.env.VENDOR_VAR\n");
  dir.write(".venv/lib/site.py", "os.getenv('VENV_VAR')\n");
  dir.write("env/pyvenv.cfg", "home = /usr/bin\n");
  dir.write("env/lib/x.py", "os.getenv('ENV_DIR_VAR')\n");
  dir.write("tests/test_app.py", "os.getenv('TEST_VAR')\n");
  dir.write("app/test_unit.py", "os.getenv('TEST_FILE_VAR')\n");
  dir.write("web/src/api.spec.ts", "process.env.SPEC_VAR\n");
  dir.write("dist/bundle.js", "process.env.DIST_VAR\n");
  dir.write("app/big.py", "os.getenv('BIG_VAR')\n" + std::string(std::size_t{1024} * 1024, '#'));
  dir.write("README.md", "os.getenv('DOC_VAR')\n");
  const auto refs = find_env_refs(dir.path());
  ASSERT_EQ(describe(refs), "APP_VAR:2:r WEB_VAR:1:r");
  EXPECT_EQ(refs[0].file, "app/main.py");
  EXPECT_EQ(refs[1].file, "web/src/api.ts");
}

TEST(EnvRefs, MissingRootYieldsNothing) {
  test::TempDir dir;
  EXPECT_TRUE(find_env_refs(dir.path() / "missing").empty());
}

}  // namespace
}  // namespace shipcheck::envrefs
