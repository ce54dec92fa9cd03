using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Privacy.Erasure;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// Who may do what with a member's privacy rights, one case per cell: every caller × exportMyData, requestErasure and
/// cancelErasure for the target member, the admins' erasureRequests and Member.erasureRequest. Each case builds its own
/// world: a target member with a phone, a pending erasure request of the target where cancelling is the question, the
/// target's exclusive guide at a store, another member, a partner.
/// </summary>
public sealed class ExportErasureAuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public enum CallerKind
    {
        Anonymous,
        MemberSelf,
        OtherMember,
        GuideOfTheMember,
        StaffOfTheStore,
        Partner,
        Admin,
    }

    public enum Operation
    {
        /// <summary>The caller's own export: any member has one, nobody else does.</summary>
        ExportMyData,
        RequestErasure,
        CancelErasure,
        ErasureRequests,
        MemberErasureRequest,
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

    // Columns in the order of Operation: ExportMyData, RequestErasure, CancelErasure, ErasureRequests, MemberErasureRequest.
    private static readonly Dictionary<CallerKind, Outcome[]> Expected = new()
    {
        [CallerKind.Anonymous] = [N, N, N, N, N],
        [CallerKind.MemberSelf] = [A, A, A, Z, A],
        [CallerKind.OtherMember] = [A, Z, Z, Z, Z],
        [CallerKind.GuideOfTheMember] = [Z, Z, Z, Z, Z],
        [CallerKind.StaffOfTheStore] = [Z, Z, Z, Z, Z],
        [CallerKind.Partner] = [Z, Z, Z, Z, Z],
        [CallerKind.Admin] = [Z, A, A, A, A],
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
    public async Task Privacy_rights_follow_the_authorization_matrix(CallerKind caller, Operation operation, Outcome expected)
    {
        // given
        var gateway = fixture.Gateway;
        var data = new TestData(gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var target = await data.MemberAsync($"1393{TestData.Next() % 10_000_000:0000000}");
        var other = await data.MemberAsync();
        await data.RelationshipAsync(target.Id, guide.Id);
        if (operation == Operation.CancelErasure)
        {
            await using var db = gateway.Db();
            db.ErasureRequests.Add(new ErasureRequest
            {
                MemberId = target.Id, RequestedAt = DateTime.UtcNow, DueAt = DateTime.UtcNow.AddDays(7), RequestedBy = "test", RequestedByRole = ErasureRequester.Member,
            });
            await db.SaveChangesAsync();
        }

        var token = caller switch
        {
            CallerKind.Anonymous => null,
            CallerKind.MemberSelf => data.MemberToken(target.Id),
            CallerKind.OtherMember => data.MemberToken(other.Id),
            CallerKind.GuideOfTheMember => data.GuideToken(guide),
            CallerKind.StaffOfTheStore => data.StaffToken(store.Id),
            CallerKind.Partner => gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read points:exchange")),
            _ => data.AdminToken(),
        };
        var id = GlobalId.Encode("Member", target.Id);

        // when
        var (field, query, variables) = operation switch
        {
            Operation.ExportMyData => ("exportMyData", "mutation { exportMyData { export { id } errors { code } } }", (object?)null),
            Operation.RequestErasure => ("requestErasure", "mutation($id: ID) { requestErasure(input: { memberId: $id }) { erasureRequest { id } errors { code } } }", new { id }),
            Operation.CancelErasure => ("cancelErasure", "mutation($id: ID) { cancelErasure(input: { memberId: $id }) { erasureRequest { status } errors { code } } }", new { id }),
            Operation.ErasureRequests => ("erasureRequests", "{ erasureRequests(first: 5) { totalCount } }", null),
            _ => ("member", "query($id: ID!) { member(id: $id) { erasureRequest { id } } }", new { id }),
        };
        var response = await gateway.GraphQLAsync(query, variables, token);

        // then
        if (expected == Outcome.Allowed)
        {
            var answer = response.OkData()[field]!;
            Assert.True(answer["errors"] is not JsonArray { Count: > 0 }, response.Body);
            Assert.True(operation switch
            {
                Operation.ExportMyData => answer["export"]?["id"] is not null,
                Operation.RequestErasure => answer["erasureRequest"]?["id"] is not null,
                Operation.CancelErasure => answer["erasureRequest"]?["status"]?.GetValue<string>() == "CANCELLED",
                Operation.ErasureRequests => answer["totalCount"] is not null,
                _ => answer["erasureRequest"] is null && answer.AsObject().ContainsKey("erasureRequest"),
            }, response.Body);
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
}
