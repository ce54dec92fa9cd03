using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// The guide / staff authorization matrix of every guide operation: each row is an operation and a caller, and says
/// whether the request runs (its business outcome is the feature tests' concern) or which error code refuses it.
/// </summary>
public sealed class GuideAuthorizationMatrixTests(WeComGatewayFixture fixture) : IClassFixture<WeComGatewayFixture>
{
    private const string Runs = "runs";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    public static TheoryData<string, string, string> Matrix() => new()
    {
        { "myGuide", "guide", Runs },
        { "myGuide", "staff", NotAuthorized },
        { "myGuide", "member", NotAuthorized },
        { "myGuide", "admin", NotAuthorized },
        { "myGuide", "anonymous", NotAuthenticated },

        { "sidebarContext", "guide", Runs },
        { "sidebarContext", "colleague", Runs },
        { "sidebarContext", "guide of another store", NotAuthorized },
        { "sidebarContext", "staff", NotAuthorized },
        { "sidebarContext", "member", NotAuthorized },
        { "sidebarContext", "partner", NotAuthorized },
        { "sidebarContext", "anonymous", NotAuthenticated },

        // a store colleague's customer is read on the reduced card: maskedPhone is refused at its own path (StoreColleagueCardTests)
        { "sidebarContext.maskedPhone", "guide", Runs },
        { "sidebarContext.maskedPhone", "colleague", NotAuthorized },
        { "sidebarContext.maskedPhone", "guide of another store", NotAuthorized },
        { "member(id:)", "guide", Runs },
        { "member(id:)", "colleague", Runs },
        { "member(id:)", "guide of another store", NotAuthorized },
        { "member(id:).phone", "guide", Runs },
        { "member(id:).phone", "colleague", NotAuthorized },
        { "member(id:).phone", "guide of another store", NotAuthorized },

        { "bindGuide", "member", Runs },
        { "bindGuide", "staff", Runs },
        { "bindGuide", "staff of another store", NotAuthorized },
        { "bindGuide", "admin", Runs },
        { "bindGuide", "guide", NotAuthorized },
        { "bindGuide", "partner", NotAuthorized },
        { "bindGuide", "anonymous", NotAuthenticated },

        { "transferCustomers", "admin", Runs },
        { "transferCustomers", "staff", Runs },
        { "transferCustomers", "staff of another store", NotAuthorized },
        { "transferCustomers", "guide", NotAuthorized },
        { "transferCustomers", "member", NotAuthorized },
        { "transferCustomers", "anonymous", NotAuthenticated },

        { "markGuideResigned", "admin", Runs },
        { "markGuideResigned", "staff", Runs },
        { "markGuideResigned", "staff of another store", NotAuthorized },
        { "markGuideResigned", "guide", NotAuthorized },

        { "createGuideContactWay", "admin", Runs },
        { "createGuideContactWay", "staff", Runs },
        { "createGuideContactWay", "staff of another store", NotAuthorized },
        { "createGuideContactWay", "guide", NotAuthorized },
        { "createGuideContactWay", "member", NotAuthorized },

        { "completeDueTransfers", "admin", Runs },
        { "completeDueTransfers", "staff", NotAuthorized },
        { "completeDueTransfers", "guide", NotAuthorized },

        { "signInWithWeCom", "anonymous", Runs },
        { "signInWithWeCom", "member", Runs },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Who_may_do_what(string operation, string caller, string expected)
    {
        // given: store S with guide G (customer C on WeCom) and colleague G2; store O with guide GO
        var data = fixture.Host.Data;
        var (store, otherStore) = (await data.StoreAsync(), await data.StoreAsync());
        var (guide, colleague, foreignGuide) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id), await data.GuideAsync(otherStore.Id));
        var external = WeComTestHost.ExternalUserId();
        var customer = await data.MemberAsync(null, null, (IdentityChannel.WecomExternalUserid, external));
        await data.RelationshipAsync(customer.Id, guide.Id);
        var token = caller switch
        {
            "guide" => data.GuideToken(guide),
            "colleague" => data.GuideToken(colleague),
            "guide of another store" => data.GuideToken(foreignGuide),
            "staff" => data.StaffToken(store.Id),
            "staff of another store" => data.StaffToken(otherStore.Id),
            "admin" => data.AdminToken(),
            "member" => data.MemberToken(customer.Id),
            "partner" => fixture.Host.Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            _ => null,
        };
        var (document, variables) = operation switch
        {
            "myGuide" => ("{ myGuide { id } }", (object?)null),
            "sidebarContext" => ("query($e: String!) { sidebarContext(externalUserId: $e) { canAct } }", new { e = external }),
            "sidebarContext.maskedPhone" => ("query($e: String!) { sidebarContext(externalUserId: $e) { canAct maskedPhone } }", new { e = external }),
            "member(id:)" => ("query($id: ID!) { member(id: $id) { displayName tier { name } exclusiveGuide { id } } }",
                new { id = GlobalId.Encode("Member", customer.Id) }),
            "member(id:).phone" => ("query($id: ID!) { member(id: $id) { displayName phone } }", new { id = GlobalId.Encode("Member", customer.Id) }),
            "bindGuide" => ("mutation($i: BindGuideInput!) { bindGuide(input: $i) { errors { code } } }",
                new { i = caller == "member"
                    ? (object)new { guideCode = colleague.GuideCode, source = "QR_SCAN" }
                    : new { guideCode = colleague.GuideCode, memberId = GlobalId.Encode("Member", customer.Id), source = "STORE_ASSIGNMENT" } }),
            "transferCustomers" => ("mutation($i: TransferCustomersInput!) { transferCustomers(input: $i) { errors { code } } }",
                new { i = new { fromGuideId = GlobalId.Encode("Guide", guide.Id), toGuideId = GlobalId.Encode("Guide", colleague.Id), reason = "matrix" } }),
            "markGuideResigned" => ("mutation($id: ID!) { markGuideResigned(input: { guideId: $id }) { errors { code } } }", new { id = GlobalId.Encode("Guide", guide.Id) }),
            "createGuideContactWay" => ("mutation($id: ID!) { createGuideContactWay(input: { guideId: $id }) { errors { code } } }", new { id = GlobalId.Encode("Guide", guide.Id) }),
            "completeDueTransfers" => ("mutation { completeDueTransfers { completed } }", null),
            _ => ("mutation { signInWithWeCom(input: { code: \"nope\" }) { errors { code } } }", null),
        };

        // when
        var response = await fixture.Host.Gateway.GraphQLAsync(document, variables, token);

        // then
        if (expected == Runs)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, $"{operation} as {caller}: {response.Body}");
            Assert.NotNull(response.Data);
        }
        else
        {
            Assert.Equal(expected, response.FirstErrorCode);
        }
    }

    /// <summary>
    /// Staff assigning a guide of their own store (STORE_ASSIGNMENT): only members the store serves (its exclusive
    /// customers, or buyers at the store within Guides:StoreAssignmentWindowDays, 180) who have no exclusive guide yet.
    /// Changing an exclusive guide is a transfer (EXCLUSIVE_GUIDE_EXISTS points there). Each row: who assigns, the member.
    /// </summary>
    public static TheoryData<string, string, string> StaffAssignments() => new()
    {
        { "staff", "bought in the store 10 days ago", Runs },
        { "staff", "bought in the store 179 days ago", Runs },
        { "staff", "bought in the store 181 days ago", NotAuthorized },
        { "staff", "bought only in another store", NotAuthorized },
        { "staff", "bought only on TMALL", NotAuthorized },
        { "staff", "unknown to the store", NotAuthorized },
        { "staff", "exclusive customer of a colleague", "EXCLUSIVE_GUIDE_EXISTS" },
        { "staff", "exclusive customer of a colleague who resigned", "EXCLUSIVE_GUIDE_EXISTS" },
        { "staff", "bought in the store, exclusive customer of another store", "EXCLUSIVE_GUIDE_EXISTS" },
        { "staff of another store", "exclusive customer of a colleague", NotAuthorized },
        { "staff of another store", "bought in the store 10 days ago", NotAuthorized },
        { "admin", "unknown to the store", Runs },
    };

    [Theory]
    [MemberData(nameof(StaffAssignments))]
    public async Task Staff_assign_only_members_their_store_serves_and_no_guide_has_yet(string caller, string member, string expected)
    {
        // given: store S with guides G and G2, store O with guide GO; the member known to S (or not) as the row says
        var data = fixture.Host.Data;
        var (store, otherStore) = (await data.StoreAsync(), await data.StoreAsync());
        var (guide, colleague, foreignGuide) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id), await data.GuideAsync(otherStore.Id));
        var customer = await data.MemberAsync();
        var now = DateTime.UtcNow;
        switch (member)
        {
            case "bought in the store 10 days ago":
                await data.OrderAsync(customer.Id, store.Id, now.AddDays(-10));
                break;
            case "bought in the store 179 days ago":
                await data.OrderAsync(customer.Id, store.Id, now.AddDays(-179));
                break;
            case "bought in the store 181 days ago":
                await data.OrderAsync(customer.Id, store.Id, now.AddDays(-181));
                break;
            case "bought only in another store":
                await data.OrderAsync(customer.Id, otherStore.Id, now.AddDays(-1));
                break;
            case "bought only on TMALL":
                await data.OrderAsync(customer.Id, null, now.AddDays(-1), SalesChannel.Tmall);
                break;
            case "exclusive customer of a colleague":
                await data.RelationshipAsync(customer.Id, colleague.Id);
                break;
            case "exclusive customer of a colleague who resigned":
                await data.RelationshipAsync(customer.Id, colleague.Id);
                await using (var db = fixture.Host.Gateway.Db())
                {
                    await db.Guides.Where(g => g.Id == colleague.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned));
                }

                break;
            case "bought in the store, exclusive customer of another store":
                await data.OrderAsync(customer.Id, store.Id, now.AddDays(-1));
                await data.RelationshipAsync(customer.Id, foreignGuide.Id);
                break;
        }

        var (token, assigned) = caller switch
        {
            "staff" => (data.StaffToken(store.Id), guide),
            "staff of another store" => (data.StaffToken(otherStore.Id), foreignGuide),
            _ => (data.AdminToken(), guide),
        };
        var input = new { guideId = GlobalId.Encode("Guide", assigned.Id), memberId = GlobalId.Encode("Member", customer.Id), source = "STORE_ASSIGNMENT" };

        // when
        var response = await fixture.Host.Gateway.GraphQLAsync(
            "mutation($i: BindGuideInput!) { bindGuide(input: $i) { relationship { kind source } errors { code } } }", new { i = input }, token);

        // then: a refusal changes nothing; an assignment is the member's exclusive guide, audited
        await using var check = fixture.Host.Gateway.Db();
        var opened = await check.GuideRelationships.CountAsync(r => r.MemberId == customer.Id && r.GuideId == assigned.Id);
        var audited = await check.AuditEntries.CountAsync(a => a.Operation == "guide.bind" && a.Target == $"Member:{customer.Id}");
        if (expected == Runs)
        {
            var relationship = response.OkData()["bindGuide"]!["relationship"]!;
            Assert.Equal(("EXCLUSIVE", "STORE_ASSIGNMENT"), (relationship["kind"]!.GetValue<string>(), relationship["source"]!.GetValue<string>()));
            Assert.Equal((1, 1), (opened, audited));
        }
        else if (expected is NotAuthorized)
        {
            Assert.Equal(expected, response.FirstErrorCode);
            Assert.Equal((0, 0), (opened, audited));
        }
        else
        {
            Assert.Equal(expected, response.OkData()["bindGuide"]!["errors"]![0]!["code"]!.GetValue<string>());
            Assert.Equal((0, 0), (opened, audited));
        }
    }
}
