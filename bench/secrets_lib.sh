# shellcheck shell=bash disable=SC2154  # bin, work, runs come from the sourcing script
# Shared by bench/secrets.sh and bench/secrets_history.sh (sourced, not run).
# Callers set: bin (the shipcheck binary), runs (timed runs per tool), work (a temp dir).

bench_fail() {
  echo "bench: $*" >&2
  exit 2
}

# The corpora are large and slow to rebuild, so they live in one cache directory that git
# must never see: refuse a directory inside this repository unless git ignores it.
bench_cache_dir() {
  local dir=${BENCH_DIR:-build/bench}
  mkdir -p "$dir"
  dir=$(realpath "$dir")
  local top
  top=$(git rev-parse --show-toplevel)
  if [[ $dir == "$top" || $dir == "$top"/* ]] && ! git check-ignore -q "$dir"; then
    bench_fail "BENCH_DIR=$dir is inside the repository and not ignored by git; use build/bench or a directory outside it"
  fi
  echo "$dir"
}

# A corpus is rebuilt when the generator changes: its hash is part of the cache key.
# corpus_path CACHE_DIR KIND AMOUNT -> path (the summary is PATH.json, written last)
corpus_path() {
  local key
  key=$(sha1sum bench/gen_secrets_corpus.py | cut -c1-10)
  echo "$1/secrets-$2-$3-$key"
}

ensure_corpus() {  # ensure_corpus PATH KIND AMOUNT
  local path=$1 kind=$2 amount=$3
  [ -f "$path.json" ] && return 0
  rm -rf "$path"
  echo "bench: generating the $kind corpus ($amount) in $path (cached for later runs)..." >&2
  local start=$SECONDS
  /usr/bin/python3 bench/gen_secrets_corpus.py "$kind" "$path" "$amount" > "$path.json.tmp" ||
    bench_fail "corpus generation failed"
  mv "$path.json.tmp" "$path.json"
  echo "bench: generated in $((SECONDS - start)) s" >&2
}

# Exit 0 when `shipcheck scan secrets` runs: 0 or 1 on an empty directory, with a report.
# Anything else (the command missing, a usage error, a crash) means there is nothing to time.
shipcheck_secrets_status() {
  [ -x "$bin" ] || { echo "$bin does not exist (make build)"; return 1; }
  mkdir -p "$work/probe"
  local rc=0
  "$bin" scan secrets "$work/probe" --format json --output "$work/probe.json" \
    > "$work/probe.out" 2>&1 || rc=$?
  if [[ $rc != 0 && $rc != 1 ]]; then
    echo "'$bin scan secrets' exits $rc: $(head -c 300 "$work/probe.out")"
    return 1
  fi
  [ -s "$work/probe.json" ] || { echo "'$bin scan secrets' wrote no JSON report"; return 1; }
}

# measure NAME OK_EXIT_CODES CMD...
# Runs CMD once to warm the page cache, then $runs times; appends "NAME<TAB>best seconds<TAB>
# peak RSS KiB" to $work/results.tsv. The warm run's stdout goes to $work/NAME.stdout and an
# argument @OUT@ becomes $work/NAME.report (for counting findings); the timed runs write to
# /dev/null. An exit code outside OK_EXIT_CODES is a failure of the tool, never a number.
measure() {
  local name=$1 ok=" $2 "
  shift 2
  local i rc start end ns best=0 rss=0 r out report
  for ((i = 0; i <= runs; i++)); do
    out=/dev/null report=/dev/null
    if ((i == 0)); then out=$work/$name.stdout report=$work/$name.report; fi
    local args=("${@//@OUT@/$report}")
    rc=0
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/$name.rss" "${args[@]}" > "$out" 2> "$work/$name.stderr" || rc=$?
    end=$(date +%s%N)
    if [[ $ok != *" $rc "* ]]; then
      echo "bench: $name failed (exit $rc): ${args[*]}" >&2
      tail -n 5 "$work/$name.stderr" >&2
      return 1
    fi
    r=$(tail -n 1 "$work/$name.rss")
    ((r > rss)) && rss=$r
    ns=$((end - start))
    if ((i > 0)) && ((best == 0 || ns < best)); then best=$ns; fi
    printf '  %-12s run %d: %6.2f s\n' "$name" "$i" "$(awk -v n="$ns" 'BEGIN{print n/1e9}')" >&2
  done
  printf '%s\t%s\t%s\n' "$name" "$(awk -v n="$best" 'BEGIN{printf "%.4f", n/1e9}')" "$rss" \
    >> "$work/results.tsv"
}

# Twenty patterns a person would put in a grep for leaked credentials (rg -e each),
# shared by both secret benchmarks.
rg_patterns=(
  '(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}'
  '(?i)aws_?secret_?access_?key["'"'"']?\s*[:=]\s*["'"'"']?[A-Za-z0-9/+]{40}'
  'gh[pousr]_[A-Za-z0-9]{36}'
  'github_pat_[A-Za-z0-9_]{82}'
  'glpat-[A-Za-z0-9_-]{20}'
  'xox[abeoprs]-[A-Za-z0-9-]{10,72}'
  'hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+'
  '[rs]k_live_[A-Za-z0-9]{24,99}'
  'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}'
  'sk-ant-api03-[A-Za-z0-9_-]{93}AA'
  'SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}'
  'AIza[0-9A-Za-z_-]{35}'
  'npm_[A-Za-z0-9]{36}'
  'hf_[A-Za-z0-9]{34}'
  'dop_v1_[a-f0-9]{64}'
  'SK[0-9a-fA-F]{32}'
  '-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----'
  'eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}'
  '(postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqps?)://[^:/\s]+:[^@/\s]+@'
  '(?i)(password|passwd|secret|api_?key|token)["'"'"']?\s*[:=]\s*["'"'"'][^"'"'"'\s]{8,}["'"'"']'
)
