using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A real gateway on a free loopback port (Kestrel, real HTTP and WebSockets) over its own SQLite file (or PostgreSQL database),
/// composed by the same <see cref="GatewayApp"/> as production. Each test class or test starts its own.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string SigningKey = "membergraph-tests-signing-key-0123456789abcdef";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, string dataDir, Uri baseAddress, TestLogSink logs)
    {
        _app = app;
        Logs = logs;
        DataDir = dataDir;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string DataDir { get; }

    /// <summary>What the gateway logged (information and above).</summary>
    public TestLogSink Logs { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a gateway. Settings are configuration keys ("WeChat:BaseUrl", ...); a data folder of its own is used unless given.
    /// <paramref name="services"/> registers test-only services and doubles (a TimeProvider, an <c>IQueryFields</c> that throws)
    /// before the production composition, which only fills gaps with TryAdd where it allows one.
    /// On <see cref="DatabaseKind.Postgres"/> the gateway gets a database of its own in the run's <see cref="PostgresCluster"/>.
    /// </summary>
    public static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null, string? dataDir = null, Action<IServiceCollection>? services = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        if (database == DatabaseKind.Postgres)
        {
            var cluster = await PostgresCluster.InstanceAsync();
            settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["ConnectionStrings:Postgres"] = await cluster.CreateDatabaseAsync(),
            };
        }
        else if (database != DatabaseKind.Sqlite)
        {
            throw new ArgumentException($"Tests run gateways on SQLite or PostgreSQL, not {database}.", nameof(database));
        }

        dataDir ??= Path.Combine(Path.GetTempPath(), "membergraph-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var config = new Dictionary<string, string?>
        {
            // Neither Production, whose profile (appsettings.Production.json) locks the gateway down — ProductionProfileTests
            // boot it — nor Development: a test names either with "environment". The Tencent sandbox stays off here as it
            // did when these gateways ran as Production, unless a test asks for it or names an environment.
            ["environment"] = "Testing",
            ["Tencent:Sandbox"] = settings?.ContainsKey("environment") == true ? null : "false",
            ["urls"] = "http://127.0.0.1:0",
            ["MemberGraph:DataDir"] = dataDir,
            ["MemberGraph:SeedDemoData"] = "false",
            ["Jobs:Scheduler"] = "false",
            ["Auth:SigningKey"] = SigningKey,
            ["WeChat:BaseUrl"] = "http://127.0.0.1:9",
            ["WeCom:BaseUrl"] = "http://127.0.0.1:9",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var args = config.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var logs = new TestLogSink();
        var app = GatewayApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, dataDir, new Uri(address), logs);
    }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public MemberGraphDb Db() => Service<IDbContextFactory<MemberGraphDb>>().CreateDbContext();

    /// <summary>A token valid now by the real clock (the gateway validates lifetimes against it), whatever a test clock says.</summary>
    public string Token(TokenSubject subject) =>
        new TokenIssuer(Service<SigningKey>(), Service<IOptions<AuthOptions>>(), TimeProvider.System).Issue(subject).Token;

    /// <summary>POSTs a GraphQL request as application/json and returns the parsed answer (throws on non-JSON).</summary>
    public async Task<GraphQLResponse> GraphQLAsync(string query, object? variables = null, string? token = null, string accept = "application/graphql-response+json", string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables, operationName }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(body)!.AsObject(), body);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        var database = Service<DatabaseProvider>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is { IsPostgres: true } postgres)
        {
            // Idle pooled connections would hold server slots for the rest of the run.
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(postgres.ConnectionString));
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS; the temp folder is cleaned up eventually.
        }
    }
}

/// <summary>A GraphQL answer: HTTP status, the JSON, and helpers for the common checks.</summary>
public sealed record GraphQLResponse(int Status, JsonObject Json, string Body)
{
    public JsonNode? Data => Json["data"];

    public JsonArray? Errors => Json["errors"] as JsonArray;

    public string? FirstErrorCode => Errors?.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>The data, asserting the request had no errors (the body is shown when it had).</summary>
    public JsonNode OkData()
    {
        Assert.True(Errors is null || Errors.Count == 0, $"Expected no errors, got: {Body}");
        return Data ?? throw new Xunit.Sdk.XunitException($"No data in: {Body}");
    }
}
