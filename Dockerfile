# The MemberGraph gateway: built with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
#   docker build -t membergraph .
#   docker compose up --build          (with SQL Server and Redis; see docker-compose.yml)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across source edits.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/MemberGraph.Core/MemberGraph.Core.csproj src/MemberGraph.Core/
COPY src/MemberGraph.Api/MemberGraph.Api.csproj src/MemberGraph.Api/
RUN dotnet restore src/MemberGraph.Api/MemberGraph.Api.csproj
COPY src/ src/
# The trusted-documents manifest the project copies next to the binary (GraphQL:TrustedDocumentsOnly).
COPY clients/trusted-documents.json clients/
RUN dotnet publish src/MemberGraph.Api/MemberGraph.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# SQL Server's client (Microsoft.Data.SqlClient) needs ICU: it refuses globalization-invariant mode. The .NET 10 images
# (Ubuntu 24.04) ship libicu74; this stops the build should a base image without it (Alpine, chiseled) be swapped in.
RUN ldconfig -p | grep -q 'libicuuc\.so\.' || { echo "The runtime image has no ICU (libicu): SQL Server needs it." >&2; exit 1; }
# The data folder holds the SQLite file (when no SQL Server is configured) and nothing else worth keeping;
# mount a volume there for the embedded mode.
RUN mkdir -p /var/lib/membergraph && chown "$APP_UID" /var/lib/membergraph
COPY --from=build /app ./
# appsettings.json sets Urls (localhost:5080 for `dotnet run`), and an appsettings key outranks the
# ASPNETCORE_-prefixed variables; the plain Urls variable outranks appsettings, so both are set.
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false: .NET uses that ICU (also where a base image turns invariant mode on).
ENV ASPNETCORE_URLS=http://+:8080 \
    Urls=http://+:8080 \
    MemberGraph__DataDir=/var/lib/membergraph \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false
# APP_UID is the non-root "app" user the .NET images ship with.
USER $APP_UID
EXPOSE 8080
# Readiness (/readyz), asked by the gateway binary itself: the runtime image has no curl or wget, and needs none.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "MemberGraph.Api.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "MemberGraph.Api.dll"]
