namespace MemberGraph.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log every feature writes to in its own transaction.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddSingleton<AuditLog>();
}
