using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary>
/// Who may do what with a member (DESIGN.md "Roles and who sees what"), one test case per cell: every caller role ×
/// every member read. Each case builds its own small world: a target member with a phone and a WeChat openid, an
/// exclusive guide of store A related to them, a second guide of store A without any relationship (a store colleague, who
/// reads the target on the reduced card: id and name, the rest refused field by field — StoreColleagueCardTests has the
/// card in full), a guide of store B, store B, and another member.
/// </summary>
public sealed class MemberAuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public enum CallerKind
    {
        Anonymous,
        MemberSelf,
        OtherMember,
        GuideWithRelationship,
        StoreColleagueOfTheGuide,
        GuideOfAnotherStore,
        StaffOfTheStore,
        StaffOfAnotherStore,
        Partner,
        Admin,
    }

    public enum Operation
    {
        Me,
        MemberById,
        Members,
        NodeById,
        MemberByCode,
        MemberCode,
        PhoneUnmasked,
        IdentitiesUnmasked,

        /// <summary>The holder of the target's coupon, refetched by the coupon's node id (Coupon.member).</summary>
        CouponHolderByNodeId,
    }

    public enum Outcome
    {
        /// <summary>Answered with the data asked for (for <see cref="Operation.Me"/>: the caller's own member).</summary>
        Allowed,

        /// <summary>Answered, but the phone / external ids are masked.</summary>
        Masked,

        /// <summary>A list answered without the target: it is filtered to the caller's own scope.</summary>
        Excluded,
        NotAuthenticated,
        NotAuthorized,
    }

    private const Outcome A = Outcome.Allowed;
    private const Outcome M = Outcome.Masked;
    private const Outcome X = Outcome.Excluded;
    private const Outcome N = Outcome.NotAuthenticated;
    private const Outcome Z = Outcome.NotAuthorized;

    // Columns in the order of Operation: Me, MemberById, Members, NodeById, MemberByCode, MemberCode, PhoneUnmasked, IdentitiesUnmasked,
    // CouponHolderByNodeId.
    private static readonly Dictionary<CallerKind, Outcome[]> Expected = new()
    {
        [CallerKind.Anonymous] = [N, N, N, N, N, N, N, N, N],
        [CallerKind.MemberSelf] = [A, A, Z, A, Z, A, A, A, A],
        [CallerKind.OtherMember] = [A, Z, Z, Z, Z, Z, Z, Z, Z],
        [CallerKind.GuideWithRelationship] = [Z, A, A, A, Z, Z, M, M, A],
        [CallerKind.StoreColleagueOfTheGuide] = [Z, A, X, A, Z, Z, Z, Z, Z],
        [CallerKind.GuideOfAnotherStore] = [Z, Z, X, Z, Z, Z, Z, Z, Z],
        [CallerKind.StaffOfTheStore] = [Z, A, A, A, A, Z, M, M, A],
        [CallerKind.StaffOfAnotherStore] = [Z, Z, X, Z, A, Z, Z, Z, Z],
        [CallerKind.Partner] = [Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [CallerKind.Admin] = [Z, A, A, A, A, Z, M, M, A],
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
    public async Task Member_reads_follow_the_authorization_matrix(CallerKind caller, Operation operation, Outcome expected)
    {
        // given
        var world = await World.BuildAsync(fixture.Gateway);
        var token = world.TokenFor(caller);

        // when
        var (field, query, variables) = await RequestAsync(world, operation);
        var response = await fixture.Gateway.GraphQLAsync(query, variables, token);

        // then
        switch (expected)
        {
            case Outcome.NotAuthenticated or Outcome.NotAuthorized:
                var code = expected == Outcome.NotAuthenticated ? ErrorCodes.NotAuthenticated : ErrorCodes.NotAuthorized;
                var error = response.Errors?.FirstOrDefault(e => e?["extensions"]?["code"]?.GetValue<string>() == code);
                Assert.True(error is not null, $"Expected {code}, got: {response.Body}");
                Assert.True(At(response.Data, error["path"] as JsonArray) is null, $"Expected no data where {code} was reported, got: {response.Body}");
                break;
            default:
                AssertAnswered(world, caller, operation, expected, response.OkData()[field]!);
                break;
        }
    }

    /// <summary>The value at an error's path (a validation error has none: then the whole data must be absent).</summary>
    private static JsonNode? At(JsonNode? data, JsonArray? path)
    {
        foreach (var step in path ?? [])
        {
            data = step!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? data?[step.GetValue<int>()] : data?[step.GetValue<string>()];
        }

        return data;
    }

    private static async Task<(string Field, string Query, object? Variables)> RequestAsync(World world, Operation operation) => operation switch
    {
        Operation.Me => ("me", "{ me { id } }", null),
        Operation.MemberById => ("member", "query($id: ID!) { member(id: $id) { id } }", new { id = world.TargetId }),
        Operation.Members => ("members", "query($phone: String) { members(where: { phone: $phone }) { totalCount edges { node { id } } } }", new { phone = world.TargetPhone }),
        Operation.NodeById => ("node", "query($id: ID!) { node(id: $id) { id ... on Member { displayName } } }", new { id = world.TargetId }),
        Operation.MemberByCode => ("memberByCode", "query($code: String!) { memberByCode(code: $code) { id } }", new { code = await world.TargetMemberCodeAsync() }),
        Operation.MemberCode => ("member", "query($id: ID!) { member(id: $id) { memberCode { code expiresAt } } }", new { id = world.TargetId }),
        Operation.PhoneUnmasked => ("member", "query($id: ID!) { member(id: $id) { phone } }", new { id = world.TargetId }),
        Operation.IdentitiesUnmasked => ("member", "query($id: ID!) { member(id: $id) { identities { channel externalId } } }", new { id = world.TargetId }),
        Operation.CouponHolderByNodeId => ("node", "query($id: ID!) { node(id: $id) { ... on Coupon { member { id } } } }", new { id = await world.TargetCouponIdAsync() }),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static void AssertAnswered(World world, CallerKind caller, Operation operation, Outcome expected, JsonNode data)
    {
        switch (operation)
        {
            case Operation.Me:
                Assert.Equal(Outcome.Allowed, expected);
                Assert.Equal(caller == CallerKind.MemberSelf ? world.TargetId : world.OtherId, data["id"]!.GetValue<string>());
                break;
            case Operation.MemberById or Operation.NodeById or Operation.MemberByCode:
                Assert.Equal(Outcome.Allowed, expected);
                Assert.Equal(world.TargetId, data["id"]!.GetValue<string>());
                break;
            case Operation.CouponHolderByNodeId:
                Assert.Equal(Outcome.Allowed, expected);
                Assert.Equal(world.TargetId, data["member"]!["id"]!.GetValue<string>());
                break;
            case Operation.Members:
                var ids = data["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
                Assert.Equal(expected == Outcome.Allowed ? new[] { world.TargetId } : [], ids);
                Assert.Equal(ids.Count, data["totalCount"]!.GetValue<int>());
                break;
            case Operation.MemberCode:
                Assert.Equal(Outcome.Allowed, expected);
                Assert.Equal(32, data["memberCode"]!["code"]!.GetValue<string>().Length);
                break;
            case Operation.PhoneUnmasked:
                Assert.Equal(expected == Outcome.Allowed ? world.TargetPhone : Masking.Phone(world.TargetPhone), data["phone"]!.GetValue<string>());
                break;
            case Operation.IdentitiesUnmasked:
                var externalIds = data["identities"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).ToList();
                var shown = expected == Outcome.Allowed
                    ? new[] { world.TargetPhone, world.TargetOpenId }
                    : [Masking.Phone(world.TargetPhone)!, Masking.ExternalId(world.TargetOpenId)];
                Assert.Equal(shown.Order(), externalIds.Order());
                break;
        }
    }

    private sealed record World(GatewayHost Gateway, TestData Data, long Target, long Other, string TargetPhone, string TargetOpenId,
        global::MemberGraph.Guides.Guide Related, global::MemberGraph.Guides.Guide Colleague, global::MemberGraph.Guides.Guide Foreign,
        long StoreA, long StoreB)
    {
        public string TargetId => GlobalId.Encode("Member", Target);
        public string OtherId => GlobalId.Encode("Member", Other);

        public static async Task<World> BuildAsync(GatewayHost gateway)
        {
            var data = new TestData(gateway);
            var storeA = await data.StoreAsync();
            var storeB = await data.StoreAsync();
            var related = await data.GuideAsync(storeA.Id);
            var colleague = await data.GuideAsync(storeA.Id);
            var foreign = await data.GuideAsync(storeB.Id);
            var n = TestData.Next();
            var phone = $"139{n:00000000}";
            var openId = $"oMatrix{n:000000}xyz";
            var target = await data.MemberAsync(phone, null, (IdentityChannel.WechatOpenid, openId));
            var other = await data.MemberAsync($"137{n:00000000}");
            await data.RelationshipAsync(target.Id, related.Id);
            return new World(gateway, data, target.Id, other.Id, phone, openId, related, colleague, foreign, storeA.Id, storeB.Id);
        }

        public string? TokenFor(CallerKind caller) => caller switch
        {
            CallerKind.Anonymous => null,
            CallerKind.MemberSelf => Data.MemberToken(Target),
            CallerKind.OtherMember => Data.MemberToken(Other),
            CallerKind.GuideWithRelationship => Data.GuideToken(Related),
            CallerKind.StoreColleagueOfTheGuide => Data.GuideToken(Colleague),
            CallerKind.GuideOfAnotherStore => Data.GuideToken(Foreign),
            CallerKind.StaffOfTheStore => Data.StaffToken(StoreA),
            CallerKind.StaffOfAnotherStore => Data.StaffToken(StoreB),
            CallerKind.Partner => Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            CallerKind.Admin => Data.AdminToken(),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };

        /// <summary>A coupon the target claimed (of a template an admin defined).</summary>
        public async Task<string> TargetCouponIdAsync()
        {
            var kit = new CouponKit(Gateway);
            return (await kit.ClaimedAsync(await kit.TemplateAsync(), Target)).Str("id");
        }

        /// <summary>The code the target's mini-program would show, asked for with the target's own token.</summary>
        public async Task<string> TargetMemberCodeAsync()
        {
            var response = await Gateway.GraphQLAsync("{ me { memberCode { code } } }", token: Data.MemberToken(Target));
            return response.OkData()["me"]!["memberCode"]!["code"]!.GetValue<string>();
        }
    }
}
