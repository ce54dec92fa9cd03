using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides.Tasks;

/// <summary>
/// createGuideTaskCampaign with an idempotency key, on SQLite and PostgreSQL: ten identical requests at once create one
/// campaign and one set of tasks and all answer it; a replay later answers it too; the key with another input is
/// IDEMPOTENCY_CONFLICT; a missing key is INVALID_INPUT. Each test builds its own segment and keys.
/// </summary>
public abstract class GuideTaskCampaignIdempotencyTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : GuideTaskCampaignIdempotencyTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : GuideTaskCampaignIdempotencyTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private readonly GatewayHost _gateway = gateway;
    private readonly GuideTaskKit _kit = new(gateway);

    /// <summary>A segment of three members, each with an exclusive guide of one store.</summary>
    private async Task<string> SegmentAsync()
    {
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var members = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var member = await _kit.Data.MemberAsync($"1390017{TestData.Next():D4}");
            await _kit.Data.RelationshipAsync(member.Id, guide.Id);
            members.Add(member.Id);
        }

        return await _kit.SegmentOfAsync([.. members]);
    }

    private async Task<(int Campaigns, int Tasks)> RowsAsync(string name)
    {
        await using var db = _gateway.Db();
        var ids = await db.GuideTaskCampaigns.AsNoTracking().Where(c => c.Name == name).Select(c => c.Id).ToListAsync();
        return (ids.Count, await db.GuideTasks.CountAsync(t => t.CampaignId != null && ids.Contains(t.CampaignId.Value)));
    }

    [Fact]
    public async Task Ten_identical_requests_at_once_create_one_campaign_with_one_set_of_tasks()
    {
        // given
        var input = GuideTaskKit.Input(await SegmentAsync());

        // when
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _kit.CreateAsync(input)));

        // then: every answer names the same campaign, none is an error
        var payloads = answers.Select(a => a.OkData()["createGuideTaskCampaign"]!).ToList();
        Assert.All(payloads, p => Assert.True(p["errors"]!.AsArray().Count == 0, p.ToJsonString()));
        Assert.Single(payloads.Select(p => p["campaign"]!["id"]!.GetValue<string>()).Distinct());
        Assert.Equal((1, 3), await RowsAsync((string)input["name"]!));

        // then: once the fill is over, the campaign counts its three members once
        var figures = (await _kit.CampaignAsync(payloads[0]["campaign"]!["id"]!.GetValue<string>()))["figures"]!;
        Assert.Equal((3L, 3L), (figures["members"]!.GetValue<long>(), figures["open"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_replay_answers_the_first_campaign_and_the_key_with_another_input_is_a_conflict()
    {
        // given
        var input = GuideTaskKit.Input(await SegmentAsync());
        var first = (await _kit.CreateAsync(input)).OkData()["createGuideTaskCampaign"]!["campaign"]!;

        // when
        var replay = (await _kit.CreateAsync(input)).OkData()["createGuideTaskCampaign"]!;
        var other = new Dictionary<string, object?>(input) { ["script"] = "Another script under the same key." };
        var conflict = (await _kit.CreateAsync(other)).OkData()["createGuideTaskCampaign"]!;

        // then
        Assert.Equal(first.ToJsonString(), replay["campaign"]!.ToJsonString());
        Assert.Null(conflict["campaign"]);
        Assert.Equal("IDEMPOTENCY_CONFLICT", conflict["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("idempotencyKey", conflict["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal((1, 3), await RowsAsync((string)input["name"]!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_key_is_invalid_input(string key)
    {
        var input = GuideTaskKit.Input(await SegmentAsync());
        input["idempotencyKey"] = key;

        var answer = (await _kit.CreateAsync(input)).OkData()["createGuideTaskCampaign"]!;

        Assert.Equal(("INVALID_INPUT", "idempotencyKey"), (answer["errors"]![0]!["code"]!.GetValue<string>(), answer["errors"]![0]!["field"]!.GetValue<string>()));
        Assert.Equal((0, 0), await RowsAsync((string)input["name"]!));
    }
}
