using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Members;

/// <summary>mergeMembers, unmergeMember and the merge history; one gateway for the class, each test merges two members of its own.</summary>
public abstract class MemberMergeAdminTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : MemberMergeAdminTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : MemberMergeAdminTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private const string Merge = """
        mutation Merge($input: MergeMembersInput!) {
          mergeMembers(input: $input) { survivor { id } merges { id reason mergedBy merged { id status } moved { kind count } } errors { code field } }
        }
        """;

    private const string Unmerge = """
        mutation Unmerge($mergeId: ID!) {
          unmergeMember(input: { mergeId: $mergeId }) {
            merge { id unmergedAt unmergedBy }
            survivor { id status }
            restored { id status phone }
            errors { code message field }
          }
        }
        """;

    private readonly GatewayHost _gateway = gateway;
    private readonly TestData _data = new(gateway);

    private sealed record Snapshot(List<(long Id, IdentityChannel Channel, string ExternalId)> Identities, List<(long Id, long GuideId, GuideRelationshipKind Kind, DateTime? EndedAt)> Relationships, Member Member);

    private async Task<Snapshot> SnapshotAsync(long memberId)
    {
        await using var db = _gateway.Db();
        var identities = (await db.Identities.Where(i => i.MemberId == memberId).OrderBy(i => i.Id).ToListAsync())
            .ConvertAll(i => (i.Id, i.Channel, i.ExternalId));
        var relationships = (await db.GuideRelationships.Where(r => r.MemberId == memberId).OrderBy(r => r.Id).ToListAsync())
            .ConvertAll(r => (r.Id, r.GuideId, r.Kind, r.EndedAt));
        return new Snapshot(identities, relationships, await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId));
    }

    /// <summary>An older member without phone and a younger one with phone, each with identities and an exclusive guide.</summary>
    private async Task<(Member Older, Member Younger)> TwoRecordsOfOnePersonAsync()
    {
        var store = await _data.StoreAsync();
        var older = await _data.MemberAsync(null, DateTime.UtcNow.AddDays(-30), (IdentityChannel.TmallOuid, $"tm{TestData.Next()}"));
        var younger = await _data.MemberAsync($"137{TestData.Next():00000000}", DateTime.UtcNow.AddDays(-1),
            (IdentityChannel.WechatOpenid, $"oYoung{TestData.Next()}"), (IdentityChannel.PosCard, $"pos{TestData.Next()}"));
        await _data.RelationshipAsync(older.Id, (await _data.GuideAsync(store.Id)).Id);
        await _data.RelationshipAsync(younger.Id, (await _data.GuideAsync(store.Id)).Id);
        await _data.RelationshipAsync(younger.Id, (await _data.GuideAsync(store.Id)).Id, GuideRelationshipKind.Follow);
        return (older, younger);
    }

    private async Task<string> MergeAsync(Member a, Member b)
    {
        var response = await _gateway.GraphQLAsync(Merge, new { input = new { memberIds = new[] { GlobalId.Encode("Member", b.Id), GlobalId.Encode("Member", a.Id) }, reason = "same person at the till" } }, _data.AdminToken());
        var payload = response.OkData()["mergeMembers"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        return payload["merges"]![0]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_admin_merge_moves_everything_to_the_older_member_and_ends_the_second_exclusive_guide()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();

        // when
        var response = await _gateway.GraphQLAsync(Merge, new { input = new { memberIds = new[] { GlobalId.Encode("Member", younger.Id), GlobalId.Encode("Member", older.Id) }, reason = "same person at the till" } }, _data.AdminToken());

        // then
        var payload = response.OkData()["mergeMembers"]!;
        Assert.Equal(GlobalId.Encode("Member", older.Id), payload["survivor"]!["id"]!.GetValue<string>());
        var merge = Assert.Single(payload["merges"]!.AsArray())!;
        Assert.Equal("MERGED", merge["merged"]!["status"]!.GetValue<string>());
        Assert.Equal("same person at the till", merge["reason"]!.GetValue<string>());
        Assert.Contains(merge["moved"]!.AsArray(), m => m!["kind"]!.GetValue<string>() == "Identities" && m["count"]!.GetValue<int>() == 3);

        await using var db = _gateway.Db();
        var relationships = await db.GuideRelationships.Where(r => r.MemberId == older.Id).ToListAsync();
        Assert.Equal(3, relationships.Count);
        Assert.Single(relationships, r => r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null);
        Assert.Single(relationships, r => r.EndReason == "merged");
        Assert.Equal(younger.Phone, (await db.Members.SingleAsync(m => m.Id == older.Id)).Phone);
        Assert.Null((await db.Members.SingleAsync(m => m.Id == younger.Id)).Phone);
    }

    [Fact]
    public async Task Unmerge_restores_both_members_their_identities_and_relationships_exactly()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var olderBefore = await SnapshotAsync(older.Id);
        var youngerBefore = await SnapshotAsync(younger.Id);
        var mergeId = await MergeAsync(older, younger);

        // when
        var response = await _gateway.GraphQLAsync(Unmerge, new { mergeId }, _data.AdminToken());

        // then
        var payload = response.OkData()["unmergeMember"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.True(payload["merge"]!["unmergedAt"] is not null, response.Body);
        Assert.Equal("ACTIVE", payload["restored"]!["status"]!.GetValue<string>());
        Assert.Equal("ACTIVE", payload["survivor"]!["status"]!.GetValue<string>());

        var olderAfter = await SnapshotAsync(older.Id);
        var youngerAfter = await SnapshotAsync(younger.Id);
        Assert.Equal(olderBefore.Identities, olderAfter.Identities);
        Assert.Equal(youngerBefore.Identities, youngerAfter.Identities);
        Assert.Equal(olderBefore.Relationships, olderAfter.Relationships);
        Assert.Equal(youngerBefore.Relationships, youngerAfter.Relationships);
        Assert.Null(olderAfter.Member.Phone);
        Assert.Equal(younger.Phone, youngerAfter.Member.Phone);
        Assert.Null(youngerAfter.Member.MergedIntoId);

        await using var db = _gateway.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "unmergeMember" && a.Target == $"Member:{younger.Id}"));
    }

    [Fact]
    public async Task A_second_unmerge_of_the_same_merge_is_refused()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var mergeId = await MergeAsync(older, younger);
        (await _gateway.GraphQLAsync(Unmerge, new { mergeId }, _data.AdminToken())).OkData();

        // when
        var again = (await _gateway.GraphQLAsync(Unmerge, new { mergeId }, _data.AdminToken())).OkData()["unmergeMember"]!;

        // then
        Assert.Equal("ALREADY_UNMERGED", again["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(again["merge"]);
    }

    [Fact]
    public async Task Parallel_unmerges_of_the_same_merge_undo_it_once()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var mergeId = await MergeAsync(older, younger);

        // when
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _gateway.GraphQLAsync(Unmerge, new { mergeId }, _data.AdminToken())));

        // then
        var payloads = answers.Select(a => a.OkData()["unmergeMember"]!).ToList();
        Assert.Single(payloads, p => p["errors"]!.AsArray().Count == 0);
        Assert.All(payloads.Where(p => p["errors"]!.AsArray().Count > 0), p => Assert.Equal("ALREADY_UNMERGED", p["errors"]![0]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_merge_is_refused_as_not_found()
    {
        var payload = (await _gateway.GraphQLAsync(Unmerge, new { mergeId = GlobalId.Encode("MemberMerge", 987654) }, _data.AdminToken())).OkData()["unmergeMember"]!;

        Assert.Equal("MERGE_NOT_FOUND", payload["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_an_admin_may_merge_or_unmerge()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var mergeId = await MergeAsync(older, younger);
        var store = await _data.StoreAsync();
        var tokens = new[] { _data.MemberToken(older.Id), _data.GuideToken(await _data.GuideAsync(store.Id)), _data.StaffToken(store.Id) };

        foreach (var token in tokens)
        {
            // when
            var unmerge = await _gateway.GraphQLAsync(Unmerge, new { mergeId }, token);
            var merge = await _gateway.GraphQLAsync(Merge, new { input = new { memberIds = new[] { GlobalId.Encode("Member", older.Id) }, reason = "x" } }, token);
            var history = await _gateway.GraphQLAsync("{ memberMerges { totalCount } }", token: token);

            // then
            Assert.Equal("AUTH_NOT_AUTHORIZED", unmerge.FirstErrorCode);
            Assert.Equal("AUTH_NOT_AUTHORIZED", merge.FirstErrorCode);
            Assert.Equal("AUTH_NOT_AUTHORIZED", history.FirstErrorCode);
        }

        await using var db = _gateway.Db();
        Assert.Equal(MemberStatus.Merged, (await db.Members.SingleAsync(m => m.Id == younger.Id)).Status);
    }

    [Fact]
    public async Task Merging_members_that_are_already_one_changes_nothing_and_answers_the_survivor()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        await MergeAsync(older, younger);

        // when
        var payload = (await _gateway.GraphQLAsync(Merge, new { input = new { memberIds = new[] { GlobalId.Encode("Member", younger.Id), GlobalId.Encode("Member", older.Id) }, reason = "again" } }, _data.AdminToken()))
            .OkData()["mergeMembers"]!;

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Empty(payload["merges"]!.AsArray());
        Assert.Equal(GlobalId.Encode("Member", older.Id), payload["survivor"]!["id"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.MemberMerges.CountAsync(m => m.MergedId == younger.Id));
    }

    [Fact]
    public async Task The_merge_history_lists_a_members_merges_newest_first()
    {
        // given
        var (older, younger) = await TwoRecordsOfOnePersonAsync();
        var mergeId = await MergeAsync(older, younger);

        // when
        var history = (await _gateway.GraphQLAsync("query($id: ID) { memberMerges(memberId: $id, first: 10) { totalCount edges { node { id survivor { id } merged { id } } } } }",
            new { id = GlobalId.Encode("Member", younger.Id) }, _data.AdminToken())).OkData()["memberMerges"]!;

        // then
        Assert.Equal(1, history["totalCount"]!.GetValue<int>());
        var node = history["edges"]![0]!["node"]!;
        Assert.Equal(mergeId, node["id"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Member", older.Id), node["survivor"]!["id"]!.GetValue<string>());
    }
}
