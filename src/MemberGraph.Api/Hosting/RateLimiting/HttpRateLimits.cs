using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Partners;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MemberGraph.Hosting.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter middleware for what can be limited before a document is read: every request to
/// <c>/graphql</c> and <c>/oauth/token</c> per client address (<c>RateLimits:Requests</c>; roles in
/// <c>RateLimits:ExemptRoles</c> are not counted), and token requests per address (<c>RateLimits:SignIn</c>). A refusal is
/// a 429 with <c>Retry-After</c>: a GraphQL error <c>RATE_LIMITED</c> on <c>/graphql</c>, an RFC 6749-style
/// <c>{"error":"rate_limited"}</c> on <c>/oauth/token</c>. Operation-level limits: <see cref="OperationRateLimiter"/>.
/// </summary>
public static class HttpRateLimits
{
    public const string OAuthErrorCode = "rate_limited";

    public static IServiceCollection AddMemberGraphRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.SignIn.IsValid && o.Mutations.IsValid && o.Requests.IsValid,
                "RateLimits:SignIn, :Mutations and :Requests each need a PermitLimit above zero and a Window longer than zero.")
            .ValidateOnStart();
        services.AddSingleton<OperationRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            var exempt = limits.ExemptRoleSet();
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimitedPath(http) && !IsExempt(http, exempt)
                    ? PerAddress(http, "requests", limits.Requests)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsTokenRequest(http)
                    ? PerAddress(http, "token", limits.SignIn)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(WriteRefusalAsync(rejected, cancellationToken));
        });
        return services;
    }

    /// <summary>After authentication (the exempt roles are read from the token), before the endpoints.</summary>
    public static WebApplication UseMemberGraphRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, string limit, RateLimitWindow window) =>
        RateLimitPartition.GetFixedWindowLimiter($"{limit} {ClientAddress.Of(http)}", _ => OperationRateLimiter.Options(window));

    private static bool IsLimitedPath(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/graphql") || http.Request.Path.StartsWithSegments(PartnerTokenEndpoints.Path);

    private static bool IsTokenRequest(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(PartnerTokenEndpoints.Path);

    private static bool IsExempt(HttpContext http, IReadOnlySet<string> exempt) =>
        http.Caller().Role is { } role && exempt.Contains(role);

    private static async Task WriteRefusalAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = RateLimitRefusal.Seconds(OperationRateLimiter.RetryAfter(rejected.Lease));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpRateLimits)).LogInformation(
            "Rate limit: {Method} {Path} from {Client} refused for {Seconds} s",
            http.Request.Method, http.Request.Path, ClientAddress.Of(http), seconds);
        if (http.Request.Path.StartsWithSegments(PartnerTokenEndpoints.Path))
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, new Dictionary<string, string>
            {
                ["error"] = OAuthErrorCode,
                ["error_description"] = $"Too many token requests from this address: retry after {seconds} s.",
            }, cancellationToken: cancellationToken);
            return;
        }

        var result = new ExecutionResult { Executed = false, Errors = [RateLimitRefusal.Error("requests from this address", seconds)] };
        http.Response.ContentType = $"{MediaTypes.Negotiate(http.Request) ?? MediaTypes.Json}; charset=utf-8";
        await http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(http.Response.Body, result, cancellationToken);
    }
}
