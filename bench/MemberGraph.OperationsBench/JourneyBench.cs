using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Operations.Journeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.OperationsBench;

/// <summary>
/// One journey evaluation pass (<see cref="JourneyAdvance"/>, what the journey-advance job runs) on the big database:
/// (1) a conditioned journey ("tier = BLACK_GOLD") over <c>--journey-waiting</c> due enrolments (default 100,000): the
/// condition is checked set-based per batch, the few who match get a coupon each; (2) an unconditioned journey over
/// <c>--journey-acting</c> due enrolments (default 10,000), each acted on in its own transaction (a coupon issued).
/// The enrolments are inserted with one INSERT ... SELECT over active members, as the triggers would have left them.
/// </summary>
internal static class JourneyBench
{
    public static async Task RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var waiting = int.Parse(options.GetValueOrDefault("journey-waiting", "100000"), System.Globalization.CultureInfo.InvariantCulture);
        var acting = int.Parse(options.GetValueOrDefault("journey-acting", "10000"), System.Globalization.CultureInfo.InvariantCulture);
        await PassAsync(services, "conditioned", "tier = BLACK_GOLD", waiting);
        await PassAsync(services, "unconditioned", null, acting);
    }

    private static async Task PassAsync(IServiceProvider services, string label, string? condition, int enrolments)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var admin = new Caller("bench", Roles.Admin, null, null, null, null, new HashSet<string>());
        var template = await services.GetRequiredService<CouponTemplateService>().DefineAsync(admin, new DefineCouponTemplateInput
        {
            Name = $"bench journey {label} {Guid.NewGuid():N}"[..40],
            Kind = CouponKind.InStore,
            Value = new CouponValueInput { AmountOffCents = 500 },
            Validity = new CouponValidityInput { DaysAfterIssue = 30 },
            TotalStock = enrolments,
            PerMemberLimit = 1,
        }, CancellationToken.None);
        var templateId = template.Value?.Id ?? throw new InvalidOperationException(template.Error?.Message);
        var defined = await services.GetRequiredService<JourneyService>().DefineAsync(new JourneyDefinition(
            $"bench {label} {Guid.NewGuid():N}", JourneyTriggerKind.NthPurchase, 2, null, 0, null, condition,
            [new JourneyActionDefinition(JourneyActionKind.IssueCoupon, templateId, null, null, null, null, null)], null, null, 7), admin, CancellationToken.None);
        var journey = defined.Value ?? throw new InvalidOperationException(defined.Error?.Message);
        await services.GetRequiredService<JourneyService>().ActivateAsync(journey.Id, admin, CancellationToken.None);

        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var insert = Measure.Start();
            var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO JourneyEnrolments (JourneyId, MemberId, Occurrence, Status, EnrolledAt, DueAt, FailedAttempts)
                SELECT {journey.Id}, Id, 'bench', 'Waiting', {now}, {now}, 0 FROM Members WHERE Status = {MemberStatus.Active.ToString()} ORDER BY Id LIMIT {enrolments}
                """);
            Console.WriteLine($"journey {label}: {rows:N0} due enrolments inserted ({insert.Stop()})");
        }

        var pass = Measure.Start();
        var figures = await services.GetRequiredService<JourneyAdvance>().AdvanceAsync(now.AddSeconds(1), null, CancellationToken.None);
        var took = pass.Stop();
        Console.WriteLine($"journey {label} pass: {figures.Processed:N0} enrolments ({figures.Acted:N0} acted, {figures.Skipped:N0} skipped, " +
                          $"{figures.Failed:N0} failed) in {took}; {figures.Processed / Math.Max(0.001, took.Wall.TotalSeconds):N0} enrolments/s; " +
                          $"load average {Measure.LoadAverage()}");
        await using var check = await factory.CreateDbContextAsync();
        var issued = await check.Coupons.CountAsync(c => c.TemplateId == templateId);
        Console.WriteLine($"journey {label}: {issued:N0} coupons issued, {await check.JourneyEnrolments.CountAsync(e => e.JourneyId == journey.Id && e.Status == JourneyEnrolmentStatus.Waiting):N0} still waiting");
    }
}
