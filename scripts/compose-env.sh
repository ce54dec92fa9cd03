#!/usr/bin/env bash
# Writes the .env of docker-compose.yml from .env.example, filling every empty value with a fresh random secret:
#   *_PASSWORD        "Aa1" (SQL Server's policy wants three kinds of characters) and 24 random bytes, URL-safe base64
#   AUTH_SIGNING_KEY  base64 of 48 random bytes (the gateway wants 32 or more)
# Usage: bash scripts/compose-env.sh [TARGET]   (default: .env beside docker-compose.yml; never overwritten)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/.env}"
if [ -e "$target" ]; then
  echo "$target exists; remove it first to make new secrets." >&2
  exit 1
fi

random_base64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

umask 077
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    *_PASSWORD=) echo "${line}Aa1$(random_base64 24 | tr '+/' '-_')" ;;
    AUTH_SIGNING_KEY=) echo "${line}$(random_base64 48)" ;;
    [A-Z]*=) echo "No rule to generate ${line%=}: fill it in by hand." >&2; echo "$line" ;;
    *) echo "$line" ;;
  esac
done <"$root/.env.example" >"$target"
echo "Wrote $target (keep it out of version control)." >&2
