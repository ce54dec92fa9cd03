using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// Partners find consenting members by member code or phone, under pairwise ids: a miss for unknown and non-consenting
/// members alike, a miss from the request after a revocation, nothing across partners, ids that differ per partner and
/// stay through revocation and a new grant.
/// </summary>
public sealed class PartnerMemberLookupTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task A_consenting_member_is_found_by_member_code_and_by_phone_under_one_pairwise_id_with_a_masked_name()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, phone) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id, "POINTS_EXCHANGE");
        await kit.GrantAsync(member, partner.Id, "BENEFITS");
        var token = await kit.TokenAsync(partner);

        // when
        var byCode = (await kit.ByCodeAsync(token, member)).OkData()["partnerMemberLookup"]!;
        var byPhone = (await kit.ByPhoneAsync(token, phone)).OkData()["partnerMemberLookup"]!;

        // then: the member's own id appears nowhere; the name is masked (test members are "Member N")
        var pairwise = byCode["id"]!.GetValue<string>();
        Assert.Equal(pairwise, byPhone["id"]!.GetValue<string>());
        Assert.Matches("^[0-9A-Z]{24}$", pairwise);
        Assert.NotEqual(GlobalId.Encode("Member", member), pairwise);
        Assert.Equal("M**", byPhone["displayName"]!.GetValue<string>());
        Assert.Equal(["BENEFITS", "POINTS_EXCHANGE"], byPhone["purposes"]!.AsArray().Select(p => p!.GetValue<string>()));
        await using var db = Gateway.Db();
        var stored = await db.PairwiseIdentities.Where(p => p.MemberId == member && p.PartnerId == partner.Key)
            .Select(p => p.PairwiseId).SingleAsync();
        Assert.Equal(pairwise, stored);
    }

    [Fact]
    public async Task Unknown_and_non_consenting_members_get_exactly_the_answer_of_a_miss()
    {
        // given: a registered member who consents to nobody, and a number nobody has
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (stranger, strangerPhone) = await kit.MemberAsync();
        var token = await kit.TokenAsync(partner);

        // when
        var notConsenting = await kit.ByPhoneAsync(token, strangerPhone);
        var unknown = await kit.ByPhoneAsync(token, $"185{TestData.Next():00000000}");
        var byCode = await kit.ByCodeAsync(token, stranger);

        // then
        Assert.Equal("{\"data\":{\"partnerMemberLookup\":null}}", notConsenting.Body);
        Assert.Equal(notConsenting.Body, unknown.Body);
        Assert.Equal(notConsenting.Body, byCode.Body);
    }

    [Fact]
    public async Task After_a_revocation_the_partners_next_request_misses()
    {
        // given: found once
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, phone) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);
        var token = await kit.TokenAsync(partner);
        Assert.NotNull((await kit.ByPhoneAsync(token, phone)).OkData()["partnerMemberLookup"]);

        // when
        await kit.RevokeAsync(member, partner.Id);

        // then: the same token, the very next request
        Assert.Equal("{\"data\":{\"partnerMemberLookup\":null}}", (await kit.ByPhoneAsync(token, phone)).Body);
    }

    [Fact]
    public async Task A_partner_cannot_find_a_member_who_consents_only_to_another_partner()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var (a, b) = (await kit.RegisterAsync(), await kit.RegisterAsync());
        var (member, phone) = await kit.MemberAsync();
        await kit.GrantAsync(member, b.Id);

        // when
        var byA = await kit.ByPhoneAsync(await kit.TokenAsync(a), phone);
        var byACode = await kit.ByCodeAsync(await kit.TokenAsync(a), member);
        var byB = await kit.ByPhoneAsync(await kit.TokenAsync(b), phone);

        // then
        Assert.Null(byA.OkData()["partnerMemberLookup"]);
        Assert.Null(byACode.OkData()["partnerMemberLookup"]);
        Assert.NotNull(byB.OkData()["partnerMemberLookup"]);
    }

    [Fact]
    public async Task Pairwise_ids_differ_per_partner_and_per_member_and_stay_through_revocation_and_a_new_grant()
    {
        // given: two members consenting to two partners
        var kit = new PartnerKit(Gateway);
        var (a, b) = (await kit.RegisterAsync(), await kit.RegisterAsync());
        var (first, firstPhone) = await kit.MemberAsync();
        var (second, secondPhone) = await kit.MemberAsync();
        foreach (var member in new[] { first, second })
        {
            await kit.GrantAsync(member, a.Id);
            await kit.GrantAsync(member, b.Id);
        }

        var (tokenA, tokenB) = (await kit.TokenAsync(a), await kit.TokenAsync(b));
        async Task<string> IdAsync(string token, string phone) =>
            (await kit.ByPhoneAsync(token, phone)).OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>();
        var firstAtA = await IdAsync(tokenA, firstPhone);

        // when: the first member revokes at A and grants again (for the other purpose)
        await kit.RevokeAsync(first, a.Id);
        await kit.GrantAsync(first, a.Id, "POINTS_EXCHANGE");

        // then
        var ids = new[]
        {
            await IdAsync(tokenA, firstPhone), await IdAsync(tokenB, firstPhone),
            await IdAsync(tokenA, secondPhone), await IdAsync(tokenB, secondPhone),
        };
        Assert.Equal(firstAtA, ids[0]);
        Assert.Equal(4, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("{ partnerMemberLookup { id } }", "BAD_USER_INPUT")]
    [InlineData("{ partnerMemberLookup(phone: \"18600000001\", memberCode: \"X\") { id } }", "BAD_USER_INPUT")]
    [InlineData("{ partnerMemberLookup(phone: \"+8618600000001\") { id } }", "BAD_USER_INPUT")]
    [InlineData("{ partnerMemberLookup(memberCode: \"0123456789ABCDEFGHJKMNPQRSTVWXYZ\") { id } }", "MEMBER_CODE_INVALID")]
    public async Task Lookups_that_cannot_be_read_are_refused_saying_why(string query, string code)
    {
        // given
        var kit = new PartnerKit(Gateway);
        var token = await kit.TokenAsync(await kit.RegisterAsync());

        // when
        var answer = await Gateway.GraphQLAsync(query, token: token);

        // then
        Assert.Equal(code, answer.FirstErrorCode);
        Assert.Null(answer.Data?["partnerMemberLookup"]);
    }
}
