using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Partners;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// Who may read and change consents and read the audit and access logs, one case per cell: every caller role × the consent
/// and log fields. Each case builds its own world: a member with a WeCom external id and an exclusive guide at a store,
/// another member, a partner with its token from <c>POST /oauth/token</c>.
/// </summary>
public sealed class PrivacyAuthorizationMatrixTests(SubscribeMessageGatewayFixture fixture) : IClassFixture<SubscribeMessageGatewayFixture>
{
    public enum CallerKind
    {
        Anonymous,
        MemberSelf,
        OtherMember,
        GuideOfTheMember,
        StaffOfTheStore,
        Ingestion,
        Partner,
        Admin,
    }

    public enum Operation
    {
        MemberConsents,
        RecordSubscribeMessageConsent,
        RecordGuideOutreachConsent,
        SubscribeMessageTemplates,
        SidebarGuideOutreachConsent,
        AuditEntries,
    }

    public enum Outcome
    {
        Allowed,
        NotAuthenticated,
        NotAuthorized,
    }

    private const Outcome A = Outcome.Allowed;
    private const Outcome N = Outcome.NotAuthenticated;
    private const Outcome Z = Outcome.NotAuthorized;

    // Columns in the order of Operation: MemberConsents, RecordSubscribeMessageConsent, RecordGuideOutreachConsent,
    // SubscribeMessageTemplates, SidebarGuideOutreachConsent, AuditEntries.
    private static readonly Dictionary<CallerKind, Outcome[]> Expected = new()
    {
        [CallerKind.Anonymous] = [N, N, N, N, N, N],
        [CallerKind.MemberSelf] = [A, A, A, A, Z, Z],
        [CallerKind.OtherMember] = [Z, A, A, A, Z, Z],
        [CallerKind.GuideOfTheMember] = [Z, Z, Z, Z, A, Z],
        [CallerKind.StaffOfTheStore] = [Z, Z, Z, Z, Z, Z],
        [CallerKind.Ingestion] = [Z, Z, Z, Z, Z, Z],
        [CallerKind.Partner] = [Z, Z, Z, Z, Z, Z],
        [CallerKind.Admin] = [A, Z, Z, Z, Z, A],
    };

    public static TheoryData<CallerKind, Operation, Outcome> Cells()
    {
        var data = new TheoryData<CallerKind, Operation, Outcome>();
        foreach (var (caller, outcomes) in Expected)
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                data.Add(caller, operation, outcomes[(int)operation]);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_caller_and_operation()
    {
        Assert.Equal(Enum.GetValues<CallerKind>().Length, Expected.Count);
        Assert.All(Expected.Values, row => Assert.Equal(Enum.GetValues<Operation>().Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Consents_and_logs_follow_the_authorization_matrix(CallerKind caller, Operation operation, Outcome expected)
    {
        // given
        var world = await World.BuildAsync(fixture.Gateway);
        var token = world.TokenFor(caller);

        // when
        var (field, query, variables) = Request(world, operation);
        var response = await fixture.Gateway.GraphQLAsync(query, variables, token);

        // then
        if (expected == Outcome.Allowed)
        {
            var data = response.OkData()[field]!;
            Assert.True(data is not JsonObject { } payload || payload["errors"] is not JsonArray { Count: > 0 }, response.Body);
            return;
        }

        var code = expected == Outcome.NotAuthenticated ? ErrorCodes.NotAuthenticated : ErrorCodes.NotAuthorized;
        var error = response.Errors?.FirstOrDefault(e => e?["extensions"]?["code"]?.GetValue<string>() == code);
        Assert.True(error is not null, $"Expected {code}, got: {response.Body}");
        Assert.True(At(response.Data, error["path"] as JsonArray) is null, $"Expected no data where {code} was reported, got: {response.Body}");
    }

    private static JsonNode? At(JsonNode? data, JsonArray? path)
    {
        foreach (var step in path ?? [])
        {
            data = step!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? data?[step.GetValue<int>()] : data?[step.GetValue<string>()];
        }

        return data;
    }

    private static (string Field, string Query, object? Variables) Request(World world, Operation operation) => operation switch
    {
        Operation.MemberConsents => ("member", "query ($id: ID!) { member(id: $id) { consents { guideOutreach ledger { totalCount } } } }",
            new { id = world.TargetId }),
        Operation.RecordSubscribeMessageConsent => ("recordSubscribeMessageConsent", ConsentKit.RecordSubscribe,
            new { results = new[] { new { templateId = SubscribeMessageGatewayFixture.CouponExpiringTemplate, accepted = true } } }),
        Operation.RecordGuideOutreachConsent => ("recordGuideOutreachConsent", ConsentKit.RecordOutreach, new { granted = true }),
        Operation.SubscribeMessageTemplates => ("subscribeMessageTemplates", "{ subscribeMessageTemplates { templateId } }", null),
        Operation.SidebarGuideOutreachConsent => ("sidebarContext",
            "query ($e: String!) { sidebarContext(externalUserId: $e) { guideOutreachConsent } }", new { e = world.ExternalUserId }),
        Operation.AuditEntries => ("auditEntries", "{ auditEntries(first: 5) { totalCount } }", null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private sealed record World(GatewayHost Gateway, PartnerKit Kit, Member Target, Member Other, string ExternalUserId, Guide Guide, long StoreId, string PartnerToken)
    {
        public string TargetId => GlobalId.Encode("Member", Target.Id);

        public static async Task<World> BuildAsync(GatewayHost gateway)
        {
            var kit = new PartnerKit(gateway);
            var store = await kit.Data.StoreAsync();
            var guide = await kit.Data.GuideAsync(store.Id);
            var externalUserId = $"wmMatrix{TestData.Next()}";
            var target = await kit.Data.MemberAsync(null, null, (IdentityChannel.WecomExternalUserid, externalUserId));
            var other = await kit.Data.MemberAsync();
            await kit.Data.RelationshipAsync(target.Id, guide.Id);
            var partner = await kit.RegisterAsync("BENEFITS_READ");
            return new World(gateway, kit, target, other, externalUserId, guide, store.Id, await kit.TokenAsync(partner));
        }

        public string? TokenFor(CallerKind caller) => caller switch
        {
            CallerKind.Anonymous => null,
            CallerKind.MemberSelf => Kit.Data.MemberToken(Target.Id),
            CallerKind.OtherMember => Kit.Data.MemberToken(Other.Id),
            CallerKind.GuideOfTheMember => Kit.Data.GuideToken(Guide),
            CallerKind.StaffOfTheStore => Kit.Data.StaffToken(StoreId),
            CallerKind.Ingestion => Gateway.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:POS")),
            CallerKind.Partner => PartnerToken,
            CallerKind.Admin => Kit.AdminToken,
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }
}
