namespace MemberGraph.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit log every feature writes to in its own transaction, the access log (its batching writer runs as a hosted
    /// service) and the reader of both.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AccessLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessLog>());
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
