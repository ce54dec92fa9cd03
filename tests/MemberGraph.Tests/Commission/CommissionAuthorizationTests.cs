using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// Who may read a guide's commission and settle commission: each row is an operation and a caller, and says whether
/// the request runs or which error code refuses it.
/// </summary>
public sealed class CommissionAuthorizationTests(CommissionHost host) : IClassFixture<CommissionHost>
{
    private const string Runs = "runs";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    public static TheoryData<string, string, string> Matrix() => new()
    {
        { "myGuide.commission", "guide", Runs },
        { "myGuide.commission", "staff", NotAuthorized },
        { "myGuide.commission", "member", NotAuthorized },
        { "myGuide.commission", "admin", NotAuthorized },
        { "myGuide.commission", "anonymous", NotAuthenticated },

        { "myGuide.commissionLines", "guide", Runs },
        { "myGuide.commissionLines", "member", NotAuthorized },

        { "Guide.commission", "guide", Runs },
        { "Guide.commission", "colleague", NotAuthorized },
        { "Guide.commission", "guide of another store", NotAuthorized },
        { "Guide.commission", "staff", Runs },
        { "Guide.commission", "staff of another store", NotAuthorized },
        { "Guide.commission", "admin", Runs },
        { "Guide.commission", "member", NotAuthorized },
        { "Guide.commission", "partner", NotAuthorized },

        { "Guide.commissionLines", "guide", Runs },
        { "Guide.commissionLines", "colleague", NotAuthorized },
        { "Guide.commissionLines", "staff", Runs },
        { "Guide.commissionLines", "staff of another store", NotAuthorized },
        { "Guide.commissionLines", "admin", Runs },
        { "Guide.commissionLines", "member", NotAuthorized },

        { "Member.exclusiveGuide.commission", "member", NotAuthorized },
        { "Member.exclusiveGuide.commission", "guide", Runs },

        { "settleCommission", "admin", Runs },
        { "settleCommission", "staff", NotAuthorized },
        { "settleCommission", "guide", NotAuthorized },
        { "settleCommission", "member", NotAuthorized },
        { "settleCommission", "ingestion", NotAuthorized },
        { "settleCommission", "anonymous", NotAuthenticated },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Who_may_see_and_settle_commission(string operation, string caller, string expected)
    {
        // given: store S with guide G (an exclusive customer C with an attributed order) and colleague G2; store O with guide GO
        var data = new TestData(host.Gateway);
        var (store, otherStore) = (await data.StoreAsync(), await data.StoreAsync());
        var (guide, colleague, foreignGuide) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id), await data.GuideAsync(otherStore.Id));
        var buyer = $"POS-AUTH-{TestData.Next()}";
        var customer = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        await data.RelationshipAsync(customer.Id, guide.Id);
        await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id));
        var token = caller switch
        {
            "guide" => data.GuideToken(guide),
            "colleague" => data.GuideToken(colleague),
            "guide of another store" => data.GuideToken(foreignGuide),
            "staff" => data.StaffToken(store.Id),
            "staff of another store" => data.StaffToken(otherStore.Id),
            "admin" => data.AdminToken(),
            "member" => data.MemberToken(customer.Id),
            "partner" => host.Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            "ingestion" => host.Gateway.Token(new TokenSubject(Roles.Ingestion)),
            _ => null,
        };
        var guideId = GlobalId.Encode("Guide", guide.Id);
        var (document, variables) = operation switch
        {
            "myGuide.commission" => ("{ myGuide { commission { today month pending settled } } }", (object?)null),
            "myGuide.commissionLines" => ("{ myGuide { commissionLines(first: 5) { totalCount edges { node { amountCents } } } } }", null),
            "Guide.commission" => ("query($id: ID!) { node(id: $id) { ... on Guide { commission { today pending } } } }", new { id = guideId }),
            "Guide.commissionLines" => ("query($id: ID!) { node(id: $id) { ... on Guide { commissionLines { edges { node { amountCents } } } } } }", new { id = guideId }),
            "Member.exclusiveGuide.commission" => ("query($id: ID!) { node(id: $id) { ... on Member { exclusiveGuide { commission { pending } } } } }",
                new { id = GlobalId.Encode("Member", customer.Id) }),
            _ => ("mutation($b: DateTime!) { settleCommission(input: { before: $b }) { settledLines errors { code } } }", new { b = DateTime.UtcNow.AddDays(-400) }),
        };

        // when
        var response = await host.Gateway.GraphQLAsync(document, variables, token);

        // then
        if (expected == Runs)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, $"{operation} as {caller}: {response.Body}");
            Assert.DoesNotContain("null", response.Data!.ToJsonString().Replace("\"errors\":[]", ""), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, response.FirstErrorCode);
        }
    }
}
