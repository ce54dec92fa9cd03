#!/usr/bin/env bash
# docker-compose.yml's sqlserver-init service: runs init.sql as sa against the sqlserver service, with the gateway's
# login password from the environment (MEMBERGRAPH_DB_PASSWORD, from .env). Exits non-zero when anything fails, so
# the gateway, which waits for this service to complete successfully, does not start.
set -euo pipefail

# Newer SQL Server 2022 images ship mssql-tools18 (encrypts by default: -C trusts the self-signed certificate),
# older ones mssql-tools.
if [ -x /opt/mssql-tools18/bin/sqlcmd ]; then
  sqlcmd=(/opt/mssql-tools18/bin/sqlcmd -C)
else
  sqlcmd=(/opt/mssql-tools/bin/sqlcmd)
fi

"${sqlcmd[@]}" -S "${SQLSERVER_HOST:-sqlserver}" -U sa -P "$MSSQL_SA_PASSWORD" -b -I \
  -i "$(dirname "$0")/init.sql" \
  -v GatewayLogin=membergraph GatewayPassword="$MEMBERGRAPH_DB_PASSWORD"
