#!/usr/bin/env bash
# One command per benchmark: benchmarks/run.sh NAME. It builds what the benchmark needs, runs its
# main class in a fresh JVM with the benchmarks module's runtime classpath, prints a table and
# writes benchmarks/results/NAME.json. JAVA_OPTS is passed to that JVM (e.g. -Dproxy.clients=200).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

usage() {
  echo "usage: benchmarks/run.sh NAME" >&2
  echo "  proxy  500 containers straight to PostgreSQL (max_connections 87) vs through PgBouncer (pool 20)" >&2
  echo "  jars   size and make-up of each function's shaded Lambda jar" >&2
  echo "  intake one POST /campaigns with 100,000 contacts through the handler, and that campaign's report" >&2
  echo "  pipeline  POST to report for a 10,000-contact campaign on the local stack (JAVA_OPTS=-Dpipeline.contacts=N)" >&2
  echo "  erase  DELETE /campaigns/{id} of a finished 100,000-contact campaign through the handler" >&2
  echo "  coldstart  each function's first invocation in a fresh JVM vs a floor (SQS client only), per start-up choice" >&2
  exit 2
}
# PgBouncer stands in for RDS Proxy; install it the way .ci/run does when it is missing.
require_pgbouncer() {
  if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "run.sh: installing pgbouncer (the local stand-in for RDS Proxy)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
    else
      echo "run.sh: pgbouncer is not installed: apt-get install -y pgbouncer" >&2
      exit 1
    fi
  fi
}

[ $# -eq 1 ] || usage

java_defaults=()
case "$1" in
  proxy)
    main=dev.campaigndialer.bench.ProxyBenchmark
    require_pgbouncer
    # Only this module and the modules it depends on.
    build=(-pl benchmarks -am)
    ;;
  intake)
    main=dev.campaigndialer.bench.IntakeBenchmark
    require_pgbouncer
    # validate-campaign and report-generator (the handlers it drives) are among those modules.
    build=(-pl benchmarks -am)
    # No more heap than validate-campaign has in Lambda (memory_mb 1536 in terraform/main.tf).
    java_defaults=(-Xmx1536m)
    ;;
  erase)
    main=dev.campaigndialer.bench.EraseBenchmark
    require_pgbouncer
    # validate-campaign (the handler it drives) and report-generator are among those modules.
    build=(-pl benchmarks -am)
    java_defaults=(-Xmx1536m)
    ;;
  pipeline)
    main=dev.campaigndialer.bench.PipelineBenchmark
    require_pgbouncer
    # Every module: the local stack runs each function from its shaded jar.
    build=()
    ;;
  jars)
    main=dev.campaigndialer.bench.JarsBenchmark
    # Every module: each function's package writes the shaded jar that is measured.
    build=()
    ;;
  coldstart)
    main=dev.campaigndialer.bench.ColdStartBenchmark
    require_pgbouncer
    # Every module: each function's shaded jar is what a measured JVM starts on.
    build=()
    ;;
  *)
    usage
    ;;
esac

echo "run.sh: building (./mvnw -B -q -DskipTests package ${build[*]:-})"
# The benchmarks module's package also writes target/runtime-classpath.txt, naming the jars this
# very build produced.
./mvnw -B -q -DskipTests package "${build[@]}"

classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java "${java_defaults[@]}" ${JAVA_OPTS:-} -cp "$classpath" "$main" "$root"
