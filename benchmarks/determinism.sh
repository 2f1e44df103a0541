#!/usr/bin/env bash
# Shows that in-process runs are unchanged: the same seeds of 1, 2, 3b, 3c, 3d, 3e, 4, 5c and 6c
# (and a 100-seed 3c sweep on two threads) must give the same results.json, history, node logs and
# network journal as recorded in benchmarks/determinism-expected.txt. Wall times are left out.
#   benchmarks/determinism.sh            compare (exit 0 when every line is the same, 1 otherwise)
#   benchmarks/determinism.sh --record   write the expected file anew (only for a change meant to alter runs)
# Needs the build: mvn -o -q package -DskipTests (the bench, its test classes, and the modules' jars).
# The runs' files stay in a temporary folder, printed at the end, to diff against an older build's.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
expected="$root/benchmarks/determinism-expected.txt"
out=$(mktemp -d "${TMPDIR:-/tmp}/glomers-determinism.XXXXXX")
java=java
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  java=$JAVA_HOME/bin/java
fi

"$java" -XX:+UseSerialGC -Dglomers.root="$root" \
  -cp "$root/harness/target/glomers.jar:$root/harness/target/test-classes" \
  glomers.harness.cli.Fingerprints "$out/runs" >"$out/fingerprints.txt"

if [[ ${1:-} == --record ]]; then
  cp "$out/fingerprints.txt" "$expected"
  echo "recorded $expected ($(wc -l <"$expected") lines); the runs' files are in $out/runs"
  exit 0
fi
if diff "$expected" "$out/fingerprints.txt"; then
  echo "determinism: all $(wc -l <"$expected") lines as expected (runs' files in $out/runs)"
else
  echo "determinism: DIFFERENT from $expected (< expected, > now); the runs' files are in $out/runs" >&2
  exit 1
fi
