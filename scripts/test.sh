#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing (ICU, redis-server, postgresql and docker-compose
# from Debian, chromium for the client apps' browser tests, the npm packages of the protocol interop tests and of every client
# app), then runs the whole xunit suite and prints a plain "N passed, N failed" summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ICU: the gateway runs with the OS's ICU, as in its container image, because SqlClient (SQL Server) refuses
# globalization-invariant mode. The .NET SDK itself needs ICU too, so a machine that builds has it unless it was told
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 instead; then install Debian's libicu<N> and run the tests with ICU.
if ! PATH="$PATH:/sbin:/usr/sbin" ldconfig -p | grep -q 'libicuuc\.so\.[0-9]'; then
  echo "Installing ICU (Debian package) for SQL Server's client..."
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  icu=$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -1)
  apt_install "${icu:?no libicuNN package found}"
fi
unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server (Debian package) for the multi-instance tests..."
  apt_install redis-server
fi

# PostgreSQL: the concurrency suites run on a throwaway cluster the tests start from Debian's binaries
# (tests/MemberGraph.Tests/Infrastructure/PostgresCluster.cs); the package's own cluster is not used.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing postgresql (Debian package) for the concurrency suites on PostgreSQL..."
  apt_install postgresql
fi

# docker-compose.yml is validated with Debian's docker-compose (1.29: `config` needs no Docker engine).
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose (Debian package) to validate docker-compose.yml..."
  apt_install docker-compose
fi

# Browser tests of the client apps: Debian's chromium, driven by playwright-core (an npm package of each app).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium (Debian package) for the client apps' browser tests..."
  apt_install chromium
fi

# The npm packages of the protocol interop suites and of every client app (each folder with a lock file; each app's own
# suite runs through dotnet test, e.g. tests/MemberGraph.Tests/Clients/MiniProgramTests.cs).
for folder in tests/interop clients/*/; do
  if [ -f "$folder/package-lock.json" ]; then
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

dotnet tool restore >/dev/null
# Snapshooter: a test whose snapshot is not committed fails here instead of writing one and passing (see
# tests/MemberGraph.Tests/Infrastructure/Snapshots.cs for how to create and update snapshots).
export SNAPSHOOTER_STRICT_MODE=on
results=$(mktemp -d)
status=0
# Every test project of the solution writes its own .trx: no LogFileName (a fixed name would make the last project to
# finish overwrite the others'), so the logger's default names, made unique per project, are summed below.
dotnet test MemberGraph.sln -c Release --logger "console;verbosity=normal" \
  --logger trx --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters"); f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f))
done
rm -rf "$results"
echo "tests: $passed passed, $failed failed"
exit $status
