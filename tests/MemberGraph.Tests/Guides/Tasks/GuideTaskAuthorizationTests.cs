using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides.Tasks;

/// <summary>
/// Who may create campaigns, read their figures, list tasks and work them: each row is an operation and a caller, and
/// says whether the request runs or which error code refuses it.
/// </summary>
public sealed class GuideTaskAuthorizationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Runs = "runs";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    private static readonly string[] Callers =
        ["member", "guide", "colleague", "guide of another store", "staff", "staff of another store", "admin", "partner", "anonymous"];

    /// <summary>Per operation, the callers for which it runs; every other caller is refused (anonymous: not authenticated).</summary>
    private static readonly Dictionary<string, string[]> AllowedFor = new()
    {
        ["createGuideTaskCampaign"] = ["admin"],
        ["guideTaskCampaigns"] = ["staff", "staff of another store", "admin"],
        ["guideTaskCampaign.byGuide"] = ["staff", "staff of another store", "admin"],
        ["myGuide.tasks"] = ["guide", "colleague", "guide of another store"],
        ["Guide.tasks"] = ["guide", "staff", "admin"],
        ["completeGuideTask"] = ["guide"],
        ["sendGuideTaskCoupon"] = ["guide"],
    };

    public static TheoryData<string, string, string> Matrix()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var (operation, allowed) in AllowedFor)
        {
            foreach (var caller in Callers)
            {
                rows.Add(operation, caller, allowed.Contains(caller) ? Runs : caller == "anonymous" ? NotAuthenticated : NotAuthorized);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Who_may_create_read_and_work_guide_tasks(string operation, string caller, string expected)
    {
        // given: store S with guide G (exclusive customer C, in a campaign) and colleague G2; store O with guide GO
        var gateway = fixture.Gateway;
        var kit = new GuideTaskKit(gateway);
        var data = kit.Data;
        var (store, otherStore) = (await data.StoreAsync(), await data.StoreAsync());
        var (guide, colleague, foreignGuide) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id), await data.GuideAsync(otherStore.Id));
        var customer = await data.MemberAsync($"1390018{TestData.Next():D4}");
        await data.RelationshipAsync(customer.Id, guide.Id);
        var segment = await kit.SegmentOfAsync(customer.Id);
        var campaign = (await kit.CreatedAsync(segment))["id"]!.GetValue<string>();
        var task = await kit.TaskIdAsync(customer.Id);
        var token = caller switch
        {
            "member" => data.MemberToken(customer.Id),
            "guide" => data.GuideToken(guide),
            "colleague" => data.GuideToken(colleague),
            "guide of another store" => data.GuideToken(foreignGuide),
            "staff" => data.StaffToken(store.Id),
            "staff of another store" => data.StaffToken(otherStore.Id),
            "admin" => data.AdminToken(),
            "partner" => gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            _ => null,
        };
        var (document, variables) = operation switch
        {
            "createGuideTaskCampaign" => ("mutation($s: ID!, $k: String!) { createGuideTaskCampaign(input: { name: \"m\", kind: TASTING, script: \"s\", segmentId: $s, dueInDays: 3, idempotencyKey: $k }) { campaign { id } errors { code } } }",
                (object?)new { s = segment, k = Guid.NewGuid().ToString("N") }),
            "guideTaskCampaigns" => ("{ guideTaskCampaigns(first: 5) { totalCount edges { node { id name } } } }", null),
            "guideTaskCampaign.byGuide" => ("query($id: ID!) { guideTaskCampaign(id: $id) { figures { assigned } byGuide { figures { done } } } }", new { id = campaign }),
            "myGuide.tasks" => ("{ myGuide { tasks(first: 5) { edges { node { id status } } } } }", null),
            "Guide.tasks" => ("query($id: ID!) { node(id: $id) { ... on Guide { tasks(first: 5) { edges { node { id } } } } } }", new { id = GuideTaskKit.Id("Guide", guide.Id) }),
            "completeGuideTask" => ("mutation($t: ID!) { completeGuideTask(input: { taskId: $t, outcome: NO_ANSWER }) { task { status } errors { code } } }", new { t = task }),
            _ => ("mutation($t: ID!) { sendGuideTaskCoupon(input: { taskId: $t }) { task { status } errors { code } } }", new { t = task }),
        };

        // when
        var response = await gateway.GraphQLAsync(document, variables, token);

        // then
        if (expected == Runs)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, $"{operation} as {caller}: {response.Body}");
        }
        else
        {
            Assert.Equal(expected, response.FirstErrorCode);
        }
    }
}
