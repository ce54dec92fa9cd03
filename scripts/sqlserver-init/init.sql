-- Run by init.sh (docker-compose.yml's sqlserver-init service) as sa, with sqlcmd -I (QUOTED_IDENTIFIER ON) and the variables
-- GatewayLogin and GatewayPassword. Idempotent: it runs on every `docker compose up`, and sets the password again so
-- that a new MEMBERGRAPH_DB_PASSWORD in .env takes effect.
SET NOCOUNT ON;

IF DB_ID(N'MemberGraph') IS NULL
    CREATE DATABASE [MemberGraph];
GO

IF SUSER_ID(N'$(GatewayLogin)') IS NULL
    CREATE LOGIN [$(GatewayLogin)] WITH PASSWORD = N'$(GatewayPassword)', DEFAULT_DATABASE = [MemberGraph], CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(GatewayLogin)] WITH PASSWORD = N'$(GatewayPassword)';
GO

-- The gateway applies EF Core migrations and provisions Quartz's tables at start, so it owns its database; it has no
-- server-level role (it cannot create databases, read other databases or manage logins).
USE [MemberGraph];
IF DATABASE_PRINCIPAL_ID(N'$(GatewayLogin)') IS NULL
    CREATE USER [$(GatewayLogin)] FOR LOGIN [$(GatewayLogin)];
ALTER ROLE db_owner ADD MEMBER [$(GatewayLogin)];
GO

PRINT N'MemberGraph database and login $(GatewayLogin) ready.';
