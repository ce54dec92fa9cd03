using System.Text.Json;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// Parsed documents are reused by query text, and a reused document is still checked for the caller and
/// request at hand: authorization, GET-only, depth and complexity with these variables.
/// </summary>
public sealed class DocumentCacheTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    private DocumentCache Cache => fixture.Gateway.Service<DocumentCache>();

    /// <summary>A query text no other test sends, so this test's first request is the cache miss.</summary>
    private static string Unique(string selection) => $"query Q{TestData.Next()} {selection}";

    [Fact]
    public async Task The_same_query_text_is_parsed_once_and_then_served_from_the_cache()
    {
        // given
        var query = Unique("{ testEcho(text: \"cached\") }");
        await fixture.Gateway.GraphQLAsync(query);
        var hits = Cache.Hits;

        // when
        var again = await fixture.Gateway.GraphQLAsync(query);

        // then
        Assert.Equal("cached", again.OkData()["testEcho"]!.GetValue<string>());
        Assert.Equal(hits + 1, Cache.Hits);
    }

    [Fact]
    public async Task A_verdict_is_remembered_per_kind_of_caller_and_earned_again_by_another()
    {
        // given: a member's `me` query has been checked once for members
        var data = new TestData(fixture.Gateway);
        var first = await data.MemberAsync();
        var second = await data.MemberAsync();
        var query = Unique("{ me { displayName } }");
        await fixture.Gateway.GraphQLAsync(query, token: data.MemberToken(first.Id));
        var revalidations = Cache.Revalidations;

        // when: another member sends it, then an admin, then the admin again
        var sameKind = await fixture.Gateway.GraphQLAsync(query, token: data.MemberToken(second.Id));
        var afterMember = Cache.Revalidations;
        var admin = await fixture.Gateway.GraphQLAsync(query, token: data.AdminToken());
        var afterAdmin = Cache.Revalidations;
        var repeats = Cache.RefusalRepeats;
        var adminAgain = await fixture.Gateway.GraphQLAsync(query, token: data.AdminToken());

        // then: members share the verdict; the admin's own verdict (a refusal) is never remembered as a pass, but as
        // a refusal for admins: the repeat is answered from the cache without a walk
        Assert.Equal(second.DisplayName, sameKind.OkData()["me"]!["displayName"]!.GetValue<string>());
        Assert.Equal(revalidations, afterMember);
        Assert.Equal("AUTH_NOT_AUTHORIZED", admin.FirstErrorCode);
        Assert.Equal(afterMember + 1, afterAdmin);
        Assert.Equal("AUTH_NOT_AUTHORIZED", adminAgain.FirstErrorCode);
        Assert.Equal(afterAdmin, Cache.Revalidations);
        Assert.Equal(repeats + 1, Cache.RefusalRepeats);
    }

    [Fact]
    public async Task A_verdict_earned_with_variables_is_remembered_and_the_new_variables_still_count()
    {
        // given: a member's query with a variable has been checked once for members
        var data = new TestData(fixture.Gateway);
        var member = await data.MemberAsync();
        var token = data.MemberToken(member.Id);
        var query = Unique("($text: String!) { me { displayName } testEcho(text: $text) }");
        await fixture.Gateway.GraphQLAsync(query, new { text = "first" }, token: token);
        var revalidations = Cache.Revalidations;

        // when: the same text with other values, then with a value of the wrong type, then without the required one
        var again = await fixture.Gateway.GraphQLAsync(query, new { text = "second" }, token: token);
        var afterPass = Cache.Revalidations;
        var wrongType = await fixture.Gateway.GraphQLAsync(query, new { text = new[] { 1, 2 } }, token: token);
        var missing = await fixture.Gateway.GraphQLAsync(query, new { other = "x" }, token: token);
        var last = await fixture.Gateway.GraphQLAsync(query, new { text = "third" }, token: token);

        // then: no rule walk after the first pass, and the variables of each request are the ones coerced and used
        Assert.Equal("second", again.OkData()["testEcho"]!.GetValue<string>());
        Assert.Equal(revalidations, afterPass);
        Assert.Equal(400, wrongType.Status);
        Assert.Equal("INVALID_VALUE", wrongType.FirstErrorCode);
        Assert.Equal(400, missing.Status);
        Assert.Equal("INVALID_VALUE", missing.FirstErrorCode);
        Assert.Equal("third", last.OkData()["testEcho"]!.GetValue<string>());
        Assert.Equal(revalidations, Cache.Revalidations);
    }

    [Fact]
    public async Task A_verdict_earned_with_variables_by_members_is_not_one_for_admins()
    {
        // given: members passed the query with variables, twice
        var data = new TestData(fixture.Gateway);
        var member = await data.MemberAsync();
        var query = Unique("($text: String!) { me { displayName } testEcho(text: $text) }");
        await fixture.Gateway.GraphQLAsync(query, new { text = "a" }, token: data.MemberToken(member.Id));
        await fixture.Gateway.GraphQLAsync(query, new { text = "b" }, token: data.MemberToken(member.Id));
        var revalidations = Cache.Revalidations;
        var repeats = Cache.RefusalRepeats;

        // when: an admin sends it twice, and an anonymous caller once
        var admin = await fixture.Gateway.GraphQLAsync(query, new { text = "c" }, token: data.AdminToken());
        var adminAgain = await fixture.Gateway.GraphQLAsync(query, new { text = "d" }, token: data.AdminToken());
        var anonymous = await fixture.Gateway.GraphQLAsync(query, new { text = "e" });

        // then: each is walked for its own profile and refused; a refusal with variables is never remembered
        Assert.Equal("AUTH_NOT_AUTHORIZED", admin.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", adminAgain.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
        Assert.Null(anonymous.Data);
        Assert.Equal(revalidations + 3, Cache.Revalidations);
        Assert.Equal(repeats, Cache.RefusalRepeats);
    }

    [Fact]
    public async Task Each_operation_of_a_cached_document_keeps_its_own_arguments()
    {
        // given: one document with two operations whose arguments are literals
        var n = TestData.Next();
        var query = $"query A{n} {{ testEcho(text: \"first\") }} query B{n} {{ testEcho(text: \"second\") }}";

        // when: both are asked for, twice each, alternately (the second round from remembered results)
        var answers = new List<string>();
        foreach (var operation in new[] { $"A{n}", $"B{n}", $"A{n}", $"B{n}" })
        {
            var response = await fixture.Gateway.GraphQLAsync(query, operationName: operation);
            answers.Add(response.OkData()["testEcho"]!.GetValue<string>());
        }

        // then
        Assert.Equal(["first", "second", "first", "second"], answers);
    }

    [Fact]
    public async Task A_cached_document_is_still_refused_to_an_anonymous_caller()
    {
        // given: a member reads `me`, which caches the document
        var member = await new TestData(fixture.Gateway).MemberAsync(phone: $"139{TestData.Next():00000000}");
        var query = Unique("{ me { displayName } }");
        var authorised = await fixture.Gateway.GraphQLAsync(query, token: new TestData(fixture.Gateway).MemberToken(member.Id));
        var hits = Cache.Hits;

        // when: the same text without a token
        var anonymous = await fixture.Gateway.GraphQLAsync(query);

        // then
        Assert.Equal(member.DisplayName, authorised.OkData()["me"]!["displayName"]!.GetValue<string>());
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(400, anonymous.Status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
        Assert.Null(anonymous.Data);
    }

    [Fact]
    public async Task Parallel_callers_sharing_one_query_text_each_get_their_own_authorization()
    {
        // given
        var data = new TestData(fixture.Gateway);
        var member = await data.MemberAsync();
        var token = data.MemberToken(member.Id);
        var query = Unique("{ me { displayName } }");

        // when: members and anonymous callers race on the same, not yet cached, text
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
            (Signed: i % 2 == 0, Response: await fixture.Gateway.GraphQLAsync(query, token: i % 2 == 0 ? token : null))));

        // then
        Assert.All(responses.Where(r => r.Signed), r => Assert.Equal(member.DisplayName, r.Response.OkData()["me"]!["displayName"]!.GetValue<string>()));
        Assert.All(responses.Where(r => !r.Signed), r => Assert.Equal("AUTH_NOT_AUTHENTICATED", r.Response.FirstErrorCode));
    }

    [Fact]
    public async Task A_cached_document_is_still_refused_to_a_role_that_may_not_select_it()
    {
        // given
        var data = new TestData(fixture.Gateway);
        var query = Unique("{ testAdminOnly }");
        var admin = await fixture.Gateway.GraphQLAsync(query, token: data.AdminToken());

        // when
        var member = await fixture.Gateway.GraphQLAsync(query, token: data.MemberToken(1));

        // then
        Assert.Equal("for admins", admin.OkData()["testAdminOnly"]!.GetValue<string>());
        Assert.Equal(400, member.Status);
        Assert.Equal("AUTH_NOT_AUTHORIZED", member.FirstErrorCode);
    }

    [Fact]
    public async Task A_cached_document_is_still_checked_for_complexity_with_the_new_variables()
    {
        // given: cheap variables cache the document
        var query = Unique("($n: Int) { testNest { children(first: $n) { children(first: $n) { children(first: $n) { level } } } } }");
        var cheap = await fixture.Gateway.GraphQLAsync(query, new { n = 1 });
        var hits = Cache.Hits;

        // when: the same text asks for 100 × 100 × 100
        var costly = await fixture.Gateway.GraphQLAsync(query, new { n = 100 });

        // then
        cheap.OkData();
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(400, costly.Status);
        Assert.Equal(TransportErrorCodes.QueryTooComplex, costly.FirstErrorCode);
    }

    [Fact]
    public async Task A_mutation_cached_by_a_post_is_still_refused_over_get()
    {
        // given
        var query = $"mutation M{TestData.Next()} {{ testTouch }}";
        var overPost = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query })), "application/json");
        var hits = Cache.Hits;

        // when
        var overGet = await fixture.SendAsync(HttpMethod.Get, TransportGatewayFixture.Get(query), accept: "application/json");

        // then
        Assert.Equal(200, overPost.Status);
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(405, overGet.Status);
        Assert.Equal(TransportErrorCodes.MutationOverGet, overGet.FirstErrorCode);
    }
}
