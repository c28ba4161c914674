# The two commands of the README, and a few conveniences. Everything goes through
# scripts/bootstrap, so each target works on a fresh Debian 12 machine.
JOBS ?= $(shell nproc)
# ctest runs twice as many tests as there are cores: most tests wait on servers (nginx,
# Postgres, Prometheus, the demo's daemons) far more than they compute; the release run used
# a core and a half of two at -j 2.
CTEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))
DEMO_DIR ?= build/demo-service

.PHONY: all demo test build asan bench bench-secrets bench-containers bench-probe bench-probe-many bench-load bench-watch format clean

all: build

build:
	scripts/bootstrap

# Main job: the demo service on 127.0.0.1, checked by shipcheck, then stopped.
demo: build
	scripts/demo setup $(DEMO_DIR)
	scripts/demo start $(DEMO_DIR)
	DEMO_SMOKE_TOKEN=$$(scripts/demo token $(DEMO_DIR)) build/shipcheck run $(DEMO_DIR); rc=$$?; \
	  scripts/demo stop $(DEMO_DIR); exit $$rc

# Tests: release build (GCC, -Werror) and ASan+UBSan build (clang, with libFuzzer targets),
# every test under ctest in both, except that the sanitized run leaves out the end-to-end demo
# verdict tests (DemoLive, DemoDeps, DemoRedis, DemoWatch, DemoChecklist and the planted static
# defects, EachRule/PlantedDefect): they spend minutes copying the demo and restarting its daemons,
# and the shipcheck code they drive is already run under ASan by the unit and integration
# tests against the same real servers. Leaving them out halves the sanitized run.
test: build asan
	ctest --test-dir build --output-on-failure -j $(CTEST_JOBS)
	ctest --test-dir build-asan --output-on-failure -j $(CTEST_JOBS) \
	  -E '^(Demo(Live|Deps|Redis|Watch|Checklist)[.]|EachRule/PlantedDefect[.])'

asan:
	CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DSHIPCHECK_SANITIZE=ON -DSHIPCHECK_FUZZ=ON -DSHIPCHECK_WERROR=ON >/dev/null
	ninja -C build-asan

bench: build
	bench/run_static.sh

# Secret scanning against rg, git grep and secretlint on a generated 200 MB tree, and
# --history against per-commit diff scanning on a generated 20,000-commit repository.
# Minutes, not seconds (corpora are generated once and cached in build/bench), hence apart.
bench-secrets: build
	bench/secrets.sh
	bench/secrets_history.sh

# shipcheck load against wrk, ab and hey on one local nginx, then its memory over 60 s. Five
# minutes.
bench-load: build
	bench/load.sh

# The watch loop's CPU share with 20 triggers at a 1 s interval, beside a curl loop. A minute.
bench-watch: build
	bench/watch.sh

# Dockerfile, compose and Kubernetes linting on 10,000 generated files, one core, beside
# dockerfilelint (npm) and hadolint when it is installed. About a minute.
bench-containers: build
	bench/containers.sh

# Half a minute: testssl.sh takes about 20 s per server.
bench-probe: build
	bench/probe_tls.sh

# `probe --targets` over 500 local HTTPS endpoints (one nginx, 10 server blocks x 50 paths)
# beside the curl loop teams write for it: endpoints/s. About a minute.
bench-probe-many: build
	bench/probe_many.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf build build-asan
