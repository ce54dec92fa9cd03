using MemberGraph.Auth;
using MemberGraph.Jobs;

namespace MemberGraph.Commission;

/// <summary>
/// Pays out commission month by month (daily at 03:00 China time): every pending line earned before the start of the
/// last business month whose settle-after days (<see cref="CommissionOptions.SettleAfterDays"/>) have passed. On the
/// 8th the previous month settles; on other days only lines that arrived late for a month already due. Settling is
/// idempotent (a line settles once), so a missed or repeated run loses and doubles nothing; admins can still settle
/// by hand with <c>settleCommission</c>.
/// </summary>
public sealed class CommissionSettlementJob(CommissionSettlement settlement, CommissionRules rules) : IMemberGraphJob
{
    private static readonly Caller Job = new("job:commission-settlement", "job", null, null, null, null, new HashSet<string>());

    public string Name => "commission-settlement";

    public string Schedule => "0 0 3 * * ?";

    /// <summary>Lines earned before this instant are due: the start of the month the settle-after days reach back into.</summary>
    public DateTime DueBefore(DateTime now) => rules.StartOf(rules.BusinessMonth(now.AddDays(-rules.SettleAfterDays)));

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var before = DueBefore(run.Now);
        var outcome = await settlement.SettleAsync(null, before, Job, cancellationToken);
        if (outcome.Value is not { } settled)
        {
            throw new InvalidOperationException($"Settlement refused: {outcome.Error?.Message}");
        }

        await run.ReportAsync(settled.Lines, settled.Lines,
            $"{{\"before\":\"{before:O}\",\"lines\":{settled.Lines},\"cents\":{settled.Cents},\"guides\":{settled.GuideIds.Count}}}", cancellationToken);
    }
}
