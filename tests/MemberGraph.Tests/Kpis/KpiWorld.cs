using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Members;
using MemberGraph.Partners;
using MemberGraph.Privacy;
using MemberGraph.Stores;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Kpis;

/// <summary>
/// A hand-built month (November 2026, China time) in a gateway of its own, whose KPIs <see cref="KpiFigureTests"/> computes by
/// hand. Orders and refunds go through recordOrder/refundOrder (so attribution and commission are the real ones; the clock is
/// set to a minute after each payment, so commission is earned then); stores, guides, members, relationships and consents are
/// rows written afterwards, so that no order is attributed to an exclusive guide by accident.
/// <code>
/// store S: guides G1, G2 (active), G3 (resigned 2026-10-01), G4 (active, sells nothing); store T: guide H
/// members (registered):  M1 06-01, M2 11-10, M3 01-01, M4 11-03, M5 06-01 (erased), M6 05-01, M7 11-20, M8 11-15, M9 11-25;
///                        X is a buyer who never registered (a POS card only)
/// orders (China time)    store  buyer  cents  guide code  refund
///   O1   11-05 10:00      S      M1     10000  G1
///   O2   11-20 10:00      S      M1      5000  G1          1000
///   O3   11-11 10:00      S      M2      8000  -           full
///   O4   11-12 10:00      S      M2      3000  G2
///   O5   11-15 10:00      S      X       2000  -
///   O6   11-16 10:00      S      X       2500  -
///   O7   11-12 10:00      S      M8      6000  -           (paid before M8 registered)
///   O8   11-18 10:00      S      M8      1500  -
///   O9   11-06 10:00      S      M5      4000  G1          (M5 erased later)
///   O10  11-30 23:30      S      M1      3000  G2          (2026-11-30T15:30Z)
///   O11  12-01 00:30      S      M3      9000  G2          (2026-11-30T16:30Z: December in China)
///   O12  11-01 00:30      S      M3      2000  -           (2026-10-31T16:30Z: November in China)
///   O13  10-31 23:30      S      M3      5000  -           (2026-10-31T15:30Z)
///   O14  11-10 10:00      T      M6      4000  H
///   O15  11-14 10:00      T      M1      6000  G1          (cross-store: credited to G1)
/// relationships (open unless said): M1 exclusive G1 WeCom add 11-05; M2 exclusive G1 QR scan 11-10; M3 exclusive G3 WeCom add
/// 03-01 ended 11-02, then exclusive G2 by transfer 11-02; M4 exclusive G2 store assignment 10-15 and follow H WeCom add 11-01;
/// M5 exclusive G1 WeCom add 11-08 (left open: erasure must exclude them by status); M6 exclusive H QR scan 05-01;
/// M7 exclusive G1 share link 11-12 ended 11-21; M9 follow G2 WeCom add 11-25.
/// consents: M2 guide outreach; M4 a subscribe-message template with 0 acceptances left; M6 one with 2 left.
/// guide tasks (due, China time; counted by due date):
///   K1  G1 M1 due 11-10       DONE        K6  G2 M3 due 11-16 DONE
///   K2  G1 M2 due 11-20       OPEN        K7  -  M9 due 11-12 UNASSIGNED (no guide: never counted)
///   K3  G1 M1 due 11-30 23:30 DONE        K8  H  M6 due 11-12 DONE (store T)
///   K4  G1 M2 due 12-01 00:30 DONE        K9  G3 M3 due 11-01 01:00 DONE (resigned guide: still store S's)
///   K5  G2 M4 due 11-15       EXPIRED     K10 G1 M1 due 11-25 DONE (created 10-20: the due date decides, not creation)
/// </code>
/// </summary>
public sealed class KpiWorld : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly MutableTimeProvider _clock = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));

    public GatewayHost Gateway { get; private set; } = null!;
    public Store S { get; private set; } = null!;
    public Store T { get; private set; } = null!;
    public Guide G1 { get; private set; } = null!;
    public Guide G2 { get; private set; } = null!;
    public Guide G3 { get; private set; } = null!;
    public Guide G4 { get; private set; } = null!;
    public Guide H { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        var data = new TestData(Gateway);
        S = await data.StoreAsync();
        T = await data.StoreAsync();
        G1 = await data.GuideAsync(S.Id);
        G2 = await data.GuideAsync(S.Id);
        G3 = await data.GuideAsync(S.Id);
        G4 = await data.GuideAsync(S.Id);
        H = await data.GuideAsync(T.Id);

        var m1 = await MemberAsync(data, "13900160001", Day(6, 1));
        var m2 = await MemberAsync(data, "13900160002", Day(11, 10));
        var m3 = await MemberAsync(data, "13900160003", Day(1, 1));
        var m4 = await MemberAsync(data, "13900160004", Day(11, 3));
        var m5 = await MemberAsync(data, "13900160005", Day(6, 1));
        var m6 = await MemberAsync(data, "13900160006", Day(5, 1));
        var m7 = await MemberAsync(data, "13900160007", Day(11, 20));
        var m8 = await MemberAsync(data, "13900160008", Day(11, 15));
        var m9 = await MemberAsync(data, "13900160009", Day(11, 25));

        await OrderAsync("O1", S, "13900160001", 10_000, Day(11, 5, 10), G1);
        await OrderAsync("O2", S, "13900160001", 5_000, Day(11, 20, 10), G1);
        await RefundAsync("O2", 1_000);
        await OrderAsync("O3", S, "13900160002", 8_000, Day(11, 11, 10));
        await RefundAsync("O3", null);
        await OrderAsync("O4", S, "13900160002", 3_000, Day(11, 12, 10), G2);
        await OrderAsync("O5", S, null, 2_000, Day(11, 15, 10));
        await OrderAsync("O6", S, null, 2_500, Day(11, 16, 10));
        await OrderAsync("O7", S, "13900160008", 6_000, Day(11, 12, 10));
        await OrderAsync("O8", S, "13900160008", 1_500, Day(11, 18, 10));
        await OrderAsync("O9", S, "13900160005", 4_000, Day(11, 6, 10), G1);
        await OrderAsync("O10", S, "13900160001", 3_000, new DateTime(2026, 11, 30, 15, 30, 0, DateTimeKind.Utc), G2);
        await OrderAsync("O11", S, "13900160003", 9_000, new DateTime(2026, 11, 30, 16, 30, 0, DateTimeKind.Utc), G2);
        await OrderAsync("O12", S, "13900160003", 2_000, new DateTime(2026, 10, 31, 16, 30, 0, DateTimeKind.Utc));
        await OrderAsync("O13", S, "13900160003", 5_000, new DateTime(2026, 10, 31, 15, 30, 0, DateTimeKind.Utc));
        await OrderAsync("O14", T, "13900160006", 4_000, Day(11, 10, 10), H);
        await OrderAsync("O15", T, "13900160001", 6_000, Day(11, 14, 10), G1);

        await using var db = Gateway.Db();
        await db.Guides.Where(g => g.Id == G3.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned).SetProperty(g => g.ResignedAt, Day(10, 1)));
        Relate(db, m1, G1, GuideRelationshipKind.Exclusive, RelationshipSource.WeComAddContact, Day(11, 5));
        Relate(db, m2, G1, GuideRelationshipKind.Exclusive, RelationshipSource.QrScan, Day(11, 10));
        Relate(db, m3, G3, GuideRelationshipKind.Exclusive, RelationshipSource.WeComAddContact, Day(3, 1), ended: Day(11, 2));
        Relate(db, m3, G2, GuideRelationshipKind.Exclusive, RelationshipSource.Transfer, Day(11, 2));
        Relate(db, m4, G2, GuideRelationshipKind.Exclusive, RelationshipSource.StoreAssignment, Day(10, 15));
        Relate(db, m4, H, GuideRelationshipKind.Follow, RelationshipSource.WeComAddContact, Day(11, 1));
        Relate(db, m5, G1, GuideRelationshipKind.Exclusive, RelationshipSource.WeComAddContact, Day(11, 8));
        Relate(db, m6, H, GuideRelationshipKind.Exclusive, RelationshipSource.QrScan, Day(5, 1));
        Relate(db, m7, G1, GuideRelationshipKind.Exclusive, RelationshipSource.ShareLink, Day(11, 12), ended: Day(11, 21));
        Relate(db, m9, G2, GuideRelationshipKind.Follow, RelationshipSource.WeComAddContact, Day(11, 25));
        Consent(db, m2, ConsentPurpose.GuideOutreach, "", null);
        Consent(db, m4, ConsentPurpose.SubscribeMessage, "tmpl-kpi", 0);
        Consent(db, m6, ConsentPurpose.SubscribeMessage, "tmpl-kpi", 2);
        Task(db, m1, G1, new DateTime(2026, 11, 10, 2, 0, 0, DateTimeKind.Utc), GuideTaskStatus.Done);
        Task(db, m2, G1, Day(11, 20, 10), GuideTaskStatus.Open);
        Task(db, m1, G1, new DateTime(2026, 11, 30, 15, 30, 0, DateTimeKind.Utc), GuideTaskStatus.Done);
        Task(db, m2, G1, new DateTime(2026, 11, 30, 16, 30, 0, DateTimeKind.Utc), GuideTaskStatus.Done);
        Task(db, m4, G2, Day(11, 15, 10), GuideTaskStatus.Expired);
        Task(db, m3, G2, Day(11, 16, 10), GuideTaskStatus.Done);
        Task(db, m9, null, Day(11, 12, 10), GuideTaskStatus.Unassigned);
        Task(db, m6, H, Day(11, 12, 10), GuideTaskStatus.Done);
        Task(db, m3, G3, Day(11, 1, 1), GuideTaskStatus.Done);
        Task(db, m1, G1, Day(11, 25, 10), GuideTaskStatus.Done, createdAt: Day(10, 20));
        await db.SaveChangesAsync();
        await db.Members.Where(m => m.Id == m5).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Erased));
        _clock.Set(new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    public string Token(string role, Guide? guide = null, long? storeId = null) =>
        Gateway.Token(new TokenSubject(role, GuideId: guide?.Id, StoreId: storeId ?? guide?.StoreId));

    /// <summary>A China-time instant of 2026 as UTC.</summary>
    public static DateTime Day(int month, int day, int hour = 0) =>
        new DateTime(2026, month, day, hour, 0, 0, DateTimeKind.Unspecified).Add(-China).ToUtcKind();

    private static async Task<long> MemberAsync(TestData data, string phone, DateTime registeredAt) => (await data.MemberAsync(phone, registeredAt)).Id;

    private async Task OrderAsync(string key, Store store, string? phone, long cents, DateTime paidAt, Guide? guide = null)
    {
        _clock.Set(new DateTimeOffset(paidAt.AddMinutes(1), TimeSpan.Zero));
        object[] identities = phone is null ? [new { channel = "POS_CARD", externalId = "KPI-WALK-IN-X" }] : [new { channel = "PHONE", externalId = phone }];
        var input = LoyaltyApi.Order($"KPI-{key}-{S.Id}", phone ?? "x", cents, paidAt: paidAt, storeId: GlobalId.Encode("Store", store.Id), identities: identities);
        input["guideCode"] = guide?.GuideCode;
        await new LoyaltyApi(Gateway).RecordOkAsync(input);
    }

    private async Task RefundAsync(string key, long? amountCents) =>
        await new LoyaltyApi(Gateway).RefundOkAsync(new { channel = "POS", channelOrderId = $"KPI-{key}-{S.Id}", refundId = $"{key}-R", amountCents });

    private static void Relate(MemberGraph.Data.MemberGraphDb db, long memberId, Guide guide, GuideRelationshipKind kind, RelationshipSource source, DateTime since, DateTime? ended = null) =>
        db.GuideRelationships.Add(new GuideRelationship
        {
            MemberId = memberId, GuideId = guide.Id, Kind = kind, Source = source, Since = since, EndedAt = ended, EndReason = ended is null ? null : "test",
        });

    private static void Task(MemberGraph.Data.MemberGraphDb db, long memberId, Guide? guide, DateTime dueAt, GuideTaskStatus status, DateTime? createdAt = null) =>
        db.GuideTasks.Add(new GuideTask
        {
            SourceKey = $"kpi-world:{Guid.NewGuid():N}", Kind = GuideTaskKind.Custom, Script = "KPI world", MemberId = memberId, GuideId = guide?.Id,
            StoreId = guide?.StoreId, Route = guide is null ? GuideTaskRoute.None : GuideTaskRoute.ExclusiveGuide, Status = status,
            Outcome = status == GuideTaskStatus.Done ? GuideTaskOutcome.ChattedOnWecom : null, CreatedAt = createdAt ?? dueAt.AddDays(-3), DueAt = dueAt,
            DoneAt = status == GuideTaskStatus.Done ? dueAt.AddHours(-1) : null,
        });

    private static void Consent(MemberGraph.Data.MemberGraphDb db, long memberId, ConsentPurpose purpose, string templateId, int? remaining) =>
        db.MarketingConsents.Add(new MarketingConsent
        {
            MemberId = memberId, Purpose = purpose, TemplateId = templateId, Remaining = remaining, Channel = ConsentChannel.MiniProgram,
            GrantedAt = Day(11, 1), LastGrantedAt = Day(11, 1),
        });
}

internal static class DateTimeKinds
{
    public static DateTime ToUtcKind(this DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
