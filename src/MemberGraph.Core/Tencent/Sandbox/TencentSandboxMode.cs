namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// Whether this gateway serves its own fake Tencent APIs (<c>Tencent:Sandbox</c>): by default on when the demo brand is
/// seeded on SQLite outside Production; never with a production database or in Production, where asking for it is a
/// <see cref="Refusal"/> that stops the start.
/// </summary>
public sealed record TencentSandboxMode(bool Enabled, string? Refusal)
{
    public const string Key = "Tencent:Sandbox";

    public static TencentSandboxMode From(IConfiguration configuration, IHostEnvironment environment)
    {
        var requested = configuration.GetValue<bool?>(Key);
        var server = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Sql")) ? "SQL Server (ConnectionStrings:Sql)"
            : !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) ? "PostgreSQL (ConnectionStrings:Postgres)"
            : null;
        var seeded = configuration.GetValue<bool?>("MemberGraph:SeedDemoData") ?? server is null;

        if (requested != true)
        {
            return new TencentSandboxMode(requested ?? (seeded && server is null && !environment.IsProduction()), null);
        }

        var refusal = environment.IsProduction()
            ? $"{Key}=true is refused in the Production environment: the sandbox answers every WeChat and WeCom call with fake users. Unset it, or run with ASPNETCORE_ENVIRONMENT=Development."
            : server is not null
                ? $"{Key}=true is refused with {server} configured: the sandbox is for the SQLite demo only. Unset one of them."
                : null;
        return new TencentSandboxMode(refusal is null, refusal);
    }
}
