using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MemberGraph.Hosting;

/// <summary>
/// Readiness: the database answers and its schema is migrated. A gateway that cannot reach its database must be
/// taken out of the load balancer, not restarted, so this check is on <c>/readyz</c> only.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<MemberGraphDb> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer or does not exist.");
            }

            // A reachable but empty or half-migrated database cannot serve either (e.g. a file recreated under us).
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("The database answers and is migrated.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"The database lacks {pending} migration(s).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database is unreachable.", ex);
        }
    }
}
