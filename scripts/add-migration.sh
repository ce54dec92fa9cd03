#!/usr/bin/env bash
# Adds a migration NAME to both providers (SQLite and SQL Server), each with its own migrations folder.
# usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/MemberGraph.Api --context SqliteMemberGraphDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/MemberGraph.Api --context SqlServerMemberGraphDb --output-dir Data/Migrations/SqlServer
