using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Kpis;

/// <summary>
/// Who sees which KPIs, one case per cell: every caller × storeKpis (store S), guideKpis of the caller-guide G1, guideKpis of
/// G1's colleague G2, and the ranking of S. The world is <see cref="KpiWorld"/> (only read here). Allowed cells must answer
/// with data; refused cells with the code and no data.
/// </summary>
public sealed class KpiAuthorizationMatrixTests(KpiWorld world) : IClassFixture<KpiWorld>
{
    public enum CallerKind
    {
        Anonymous,
        Member,
        Partner,
        Ingestion,
        GuideG1,
        GuideOfAnotherStore,
        StaffOfTheStore,
        StaffOfAnotherStore,
        Admin,
    }

    public enum Operation
    {
        StoreKpis,
        OwnGuideKpis,
        ColleagueGuideKpis,
        GuideRanking,
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

    // Columns in the order of Operation: StoreKpis, OwnGuideKpis (G1's), ColleagueGuideKpis (G2's), GuideRanking (of S).
    private static readonly Dictionary<CallerKind, Outcome[]> Expected = new()
    {
        [CallerKind.Anonymous] = [N, N, N, N],
        [CallerKind.Member] = [Z, Z, Z, Z],
        [CallerKind.Partner] = [Z, Z, Z, Z],
        [CallerKind.Ingestion] = [Z, Z, Z, Z],
        [CallerKind.GuideG1] = [Z, A, Z, A],
        [CallerKind.GuideOfAnotherStore] = [Z, Z, Z, Z],
        [CallerKind.StaffOfTheStore] = [A, A, A, A],
        [CallerKind.StaffOfAnotherStore] = [Z, Z, Z, Z],
        [CallerKind.Admin] = [A, A, A, A],
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
    public async Task Kpi_reads_follow_the_authorization_matrix(CallerKind caller, Operation operation, Outcome expected)
    {
        // given
        var token = TokenFor(caller);
        var (field, query, id) = operation switch
        {
            Operation.StoreKpis => ("storeKpis", "storeKpis(storeId: $id, from: \"2026-11-01\", to: \"2026-11-30\") { orders members }",
                GlobalId.Encode("Store", world.S.Id)),
            Operation.OwnGuideKpis => ("guideKpis", "guideKpis(guideId: $id, from: \"2026-11-01\", to: \"2026-11-30\") { orders members }",
                GlobalId.Encode("Guide", world.G1.Id)),
            Operation.ColleagueGuideKpis => ("guideKpis", "guideKpis(guideId: $id, from: \"2026-11-01\", to: \"2026-11-30\") { orders members }",
                GlobalId.Encode("Guide", world.G2.Id)),
            _ => ("guideRanking", "guideRanking(storeId: $id, from: \"2026-11-01\", to: \"2026-11-30\", by: SALES) { rank value }",
                GlobalId.Encode("Store", world.S.Id)),
        };

        // when
        var response = await world.Gateway.GraphQLAsync($"query($id: ID!) {{ {field}: {query} }}", new { id }, token);

        // then
        if (expected == Outcome.Allowed)
        {
            var answer = response.OkData()[field];
            Assert.True(answer is JsonObject or JsonArray { Count: > 0 }, response.Body);
            return;
        }

        var code = expected == Outcome.NotAuthenticated ? ErrorCodes.NotAuthenticated : ErrorCodes.NotAuthorized;
        Assert.True(response.FirstErrorCode == code, $"Expected {code}, got: {response.Body}");
        Assert.True(response.Data?[field] is null, $"Expected no data, got: {response.Body}");
    }

    private string? TokenFor(CallerKind caller) => caller switch
    {
        CallerKind.Anonymous => null,
        CallerKind.Member => world.Gateway.Token(new TokenSubject(Roles.Member, MemberId: 1)),
        CallerKind.Partner => world.Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read")),
        CallerKind.Ingestion => world.Gateway.Token(new TokenSubject(Roles.Ingestion)),
        CallerKind.GuideG1 => world.Token(Roles.Guide, world.G1),
        CallerKind.GuideOfAnotherStore => world.Token(Roles.Guide, world.H),
        CallerKind.StaffOfTheStore => world.Token(Roles.Staff, storeId: world.S.Id),
        CallerKind.StaffOfAnotherStore => world.Token(Roles.Staff, storeId: world.T.Id),
        _ => world.Token(Roles.Admin),
    };
}
