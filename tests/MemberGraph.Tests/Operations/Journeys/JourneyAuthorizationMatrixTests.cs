using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// Journeys are admins' business: every other role × every journey operation is AUTH_NOT_AUTHORIZED (anonymous:
/// AUTH_NOT_AUTHENTICATED), one case per cell, and the admin's call goes through. The journey each case reads or changes
/// exists (a draft), so a denial is the rule's and never a not-found.
/// </summary>
public sealed class JourneyAuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public enum Operation
    {
        Journeys,
        Journey,
        DefineJourney,
        ActivateJourney,
        PauseJourney,
    }

    public static TheoryData<string, Operation> Cells()
    {
        var data = new TheoryData<string, Operation>();
        foreach (var role in Roles.All.Append("anonymous"))
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                data.Add(role, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Only_admins_read_define_activate_and_pause_journeys(string role, Operation operation)
    {
        // given: a draft journey, and a caller of the role
        var kit = new JourneyKit(fixture.Gateway);
        var template = await kit.Coupons.TemplateAsync();
        var journeyId = await kit.DefineAsync(JourneyKit.SecondPurchaseCoupon(template, waitMinutes: 0));
        var token = role switch
        {
            "anonymous" => null,
            Roles.Member => kit.Data.MemberToken((await kit.Data.MemberAsync()).Id),
            Roles.Guide => fixture.Gateway.Token(new TokenSubject(Roles.Guide, GuideId: 1, StoreId: 1)),
            Roles.Staff => kit.Data.StaffToken(1),
            Roles.Partner => fixture.Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read")),
            Roles.Ingestion => fixture.Gateway.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:POS")),
            _ => kit.Data.AdminToken(),
        };

        // when
        var (document, variables) = operation switch
        {
            Operation.Journeys => ("{ journeys(first: 5) { edges { node { id name } } } }", (object?)null),
            Operation.Journey => ("query ($id: ID!) { journey(id: $id) { id counts { entered } } }", new { id = journeyId }),
            Operation.DefineJourney => (JourneyKit.Define, new { input = JourneyKit.SecondPurchaseCoupon(template, waitMinutes: 0) }),
            Operation.ActivateJourney => ("mutation ($id: ID!) { activateJourney(input: { id: $id }) { journey { status } errors { code } } }", new { id = journeyId }),
            _ => ("mutation ($id: ID!) { pauseJourney(input: { id: $id }) { journey { status } errors { code } } }", new { id = journeyId }),
        };
        var answer = await fixture.Gateway.GraphQLAsync(document, variables, token);

        // then
        var expected = role switch
        {
            Roles.Admin => null,
            "anonymous" => RefusalCodes.NotAuthenticated,
            _ => RefusalCodes.NotAuthorized,
        };
        Assert.True(expected == answer.FirstErrorCode, $"{role} × {operation}: expected {expected ?? "success"}, got {answer.Body}");
        if (expected is null)
        {
            Assert.NotNull(answer.OkData());
        }
    }
}
