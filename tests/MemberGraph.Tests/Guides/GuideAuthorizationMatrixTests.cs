using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// The guide / staff authorization matrix of every guide operation: each row is an operation and a caller, and says
/// whether the request runs (its business outcome is the feature tests' concern) or which error code refuses it.
/// </summary>
public sealed class GuideAuthorizationMatrixTests(GuideAuthorizationMatrixTests.Host fixture) : IClassFixture<GuideAuthorizationMatrixTests.Host>
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
        var data = fixture.WeCom.Data;
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
            "partner" => fixture.WeCom.Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            _ => null,
        };
        var (document, variables) = operation switch
        {
            "myGuide" => ("{ myGuide { id } }", (object?)null),
            "sidebarContext" => ("query($e: String!) { sidebarContext(externalUserId: $e) { canAct } }", new { e = external }),
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
        var response = await fixture.WeCom.Gateway.GraphQLAsync(document, variables, token);

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

    public sealed class Host : IAsyncLifetime
    {
        public WeComTestHost WeCom { get; private set; } = null!;

        public async Task InitializeAsync() => WeCom = await WeComTestHost.StartAsync();

        public async Task DisposeAsync() => await WeCom.DisposeAsync();
    }
}
