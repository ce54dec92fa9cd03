#!/usr/bin/env bash
# Adds a migration NAME to all three providers (SQLite, SQL Server and PostgreSQL), each with its own migrations folder in
# src/MemberGraph.Core/Data/Migrations. MemberGraph.Core is its own startup project: its design-time factories build the
# model without the gateway.
# usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/MemberGraph.Core --context SqliteMemberGraphDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/MemberGraph.Core --context SqlServerMemberGraphDb --output-dir Data/Migrations/SqlServer
dotnet ef migrations add "$name" --project src/MemberGraph.Core --context PostgresMemberGraphDb --output-dir Data/Migrations/Postgres
