using MemberGraph.Audit;
using MemberGraph.Commission;
using MemberGraph.Coupons;
using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Jobs;
using MemberGraph.Members;
using MemberGraph.Operations.Journeys;
using MemberGraph.Orders;
using MemberGraph.Partners;
using MemberGraph.Points;
using MemberGraph.Privacy;
using MemberGraph.Privacy.Erasure;
using MemberGraph.Privacy.Export;
using MemberGraph.Segments;
using MemberGraph.Stores;
using MemberGraph.Tags;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Data;

/// <summary>
/// The one model of MemberGraph. Each provider has a subclass (<see cref="SqliteMemberGraphDb"/>,
/// <see cref="SqlServerMemberGraphDb"/>, <see cref="PostgresMemberGraphDb"/>) so that each keeps its own migrations.
/// Entity mappings live beside their entities as <see cref="IEntityTypeConfiguration{TEntity}"/>.
/// </summary>
public abstract partial class MemberGraphDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Identity> Identities => Set<Identity>();
    public DbSet<MemberMerge> MemberMerges => Set<MemberMerge>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Guide> Guides => Set<Guide>();
    public DbSet<GuideRelationship> GuideRelationships => Set<GuideRelationship>();
    public DbSet<CustomerTransfer> CustomerTransfers => Set<CustomerTransfer>();
    public DbSet<WeComCallbackEvent> WeComCallbackEvents => Set<WeComCallbackEvent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<TagDefinition> TagDefinitions => Set<TagDefinition>();
    public DbSet<MemberTag> MemberTags => Set<MemberTag>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<CouponTemplate> CouponTemplates => Set<CouponTemplate>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<CouponHistoryEntry> CouponHistory => Set<CouponHistoryEntry>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderRefund> OrderRefunds => Set<OrderRefund>();
    public DbSet<OrderRefundLine> OrderRefundLines => Set<OrderRefundLine>();
    public DbSet<PointsAccount> PointsAccounts => Set<PointsAccount>();
    public DbSet<PointsLot> PointsLots => Set<PointsLot>();
    public DbSet<PointsEntry> PointsEntries => Set<PointsEntry>();
    public DbSet<MemberTier> MemberTiers => Set<MemberTier>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<CommissionLine> CommissionLines => Set<CommissionLine>();
    public DbSet<GuideCommissionTotals> GuideCommissionTotals => Set<GuideCommissionTotals>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PartnerConsent> PartnerConsents => Set<PartnerConsent>();
    public DbSet<PartnerConsentLedgerEntry> PartnerConsentLedger => Set<PartnerConsentLedgerEntry>();
    public DbSet<PartnerTransaction> PartnerTransactions => Set<PartnerTransaction>();
    public DbSet<PartnerDailyCredit> PartnerDailyCredits => Set<PartnerDailyCredit>();
    public DbSet<PairwiseIdentity> PairwiseIdentities => Set<PairwiseIdentity>();
    public DbSet<MarketingConsent> MarketingConsents => Set<MarketingConsent>();
    public DbSet<ConsentLedgerEntry> ConsentLedger => Set<ConsentLedgerEntry>();
    public DbSet<SubscribeMessage> SubscribeMessages => Set<SubscribeMessage>();
    public DbSet<DataExport> DataExports => Set<DataExport>();
    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();
    public DbSet<GuideTaskCampaign> GuideTaskCampaigns => Set<GuideTaskCampaign>();
    public DbSet<GuideTask> GuideTasks => Set<GuideTask>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<JourneyEnrolment> JourneyEnrolments => Set<JourneyEnrolment>();
    public DbSet<SegmentMembership> SegmentMemberships => Set<SegmentMembership>();

    private DatabaseKind? _engine;

    /// <summary>
    /// The engine this context talks to, asked of EF Core once per context (pooled contexts keep it): EF's
    /// <c>Database.IsSqlite()</c> and its siblings compare <c>ProviderName</c>, which parses the provider assembly's name on
    /// every call, and the write path asks several times per request.
    /// </summary>
    public DatabaseKind Engine => _engine ??= Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseKind.Sqlite,
        "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseKind.SqlServer,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseKind.Postgres,
        var other => throw new NotSupportedException($"MemberGraph has no migrations for the provider '{other}'."),
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MemberGraphDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<string>().HaveMaxLength(200);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

        // Every time is stored as UTC; neither provider keeps DateTime.Kind (SQLite stores text, SQL Server datetime2),
        // so every DateTime read back is marked UTC here, once for the whole model, and is written with its "Z".
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}

public sealed class SqliteMemberGraphDb(DbContextOptions<SqliteMemberGraphDb> options) : MemberGraphDb(options);

public sealed class SqlServerMemberGraphDb(DbContextOptions<SqlServerMemberGraphDb> options) : MemberGraphDb(options);

/// <summary>
/// PostgreSQL keeps times in <c>timestamp with time zone</c> (Npgsql's mapping for DateTime): an instant, which is what
/// every MemberGraph time is. Npgsql refuses to write a DateTime of Kind Unspecified there, so the converter marks every
/// value UTC on the way in as well as on the way out (times in MemberGraph are UTC by rule; Local ones are converted).
/// </summary>
public sealed class PostgresMemberGraphDb(DbContextOptions<PostgresMemberGraphDb> options) : MemberGraphDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<PostgresUtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullablePostgresUtcDateTimeConverter>();
    }
}
