using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Members;

public sealed class MemberCodeTests : IAsyncLifetime
{
    private const string ByCode = "query($code: String!) { memberByCode(code: $code) { id displayName phone } }";

    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        _data = new TestData(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Staff_find_the_member_from_the_code_the_mini_program_shows()
    {
        // given
        var member = await _data.MemberAsync("13811112222");
        var store = await _data.StoreAsync();
        var (code, expiresAt) = await MemberCodeAsync(member.Id);

        // when
        var response = await _gateway.GraphQLAsync(ByCode, new { code }, _data.StaffToken(store.Id));

        // then
        var found = response.OkData()["memberByCode"]!;
        Assert.Equal(GlobalId.Encode("Member", member.Id), found["id"]!.GetValue<string>());
        Assert.Equal("138****2222", found["phone"]!.GetValue<string>());
        Assert.Matches("^[0-9A-Z]{32}$", code);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_code_is_accepted_until_its_lifetime_ends_and_refused_as_expired_after()
    {
        // given
        var member = await _data.MemberAsync("13811113333");
        var staff = _data.StaffToken((await _data.StoreAsync()).Id);
        var (code, _) = await MemberCodeAsync(member.Id);

        // when
        _clock.Advance(TimeSpan.FromSeconds(60));
        var atTheLimit = await _gateway.GraphQLAsync(ByCode, new { code }, staff);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await _gateway.GraphQLAsync(ByCode, new { code }, staff);

        // then
        Assert.Equal(GlobalId.Encode("Member", member.Id), atTheLimit.OkData()["memberByCode"]!["id"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.MemberCodeExpired, after.FirstErrorCode);
        Assert.Null(after.Data?["memberByCode"]);
    }

    [Fact]
    public async Task A_tampered_code_is_refused_as_invalid()
    {
        // given
        var member = await _data.MemberAsync("13811114444");
        var other = await _data.MemberAsync("13811115555");
        var staff = _data.StaffToken((await _data.StoreAsync()).Id);
        var (code, _) = await MemberCodeAsync(member.Id);
        var (otherCode, _) = await MemberCodeAsync(other.Id);

        // when: one character of the signature changed; the other member's id spliced into this code's signature
        var flipped = code[..^1] + (code[^1] == '0' ? '1' : '0');
        var spliced = otherCode[..12] + code[12..]; // version, id and the first expiry bits of the other code
        var answers = new List<GraphQLResponse>();
        foreach (var forged in new[] { flipped, spliced, "not a code", "", code + "0" })
        {
            answers.Add(await _gateway.GraphQLAsync(ByCode, new { code = forged }, staff));
        }

        // then
        Assert.All(answers, a => Assert.Equal(ErrorCodes.MemberCodeInvalid, a.FirstErrorCode));
        Assert.All(answers, a => Assert.Null(a.Data?["memberByCode"]));
    }

    [Fact]
    public async Task A_code_signed_with_another_key_is_refused_as_invalid()
    {
        // given: a gateway with its own signing key issued the code
        await using var elsewhere = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "another-deployment-signing-key-0123456789" });
        var elsewhereData = new TestData(elsewhere);
        var member = await elsewhereData.MemberAsync("13811116666");
        await _data.MemberAsync("13811116666"); // the same person may well exist here too
        var foreign = await elsewhere.GraphQLAsync("{ me { memberCode { code } } }", token: elsewhereData.MemberToken(member.Id));
        var code = foreign.OkData()["me"]!["memberCode"]!["code"]!.GetValue<string>();

        // when
        var response = await _gateway.GraphQLAsync(ByCode, new { code }, _data.StaffToken((await _data.StoreAsync()).Id));

        // then
        Assert.Equal(ErrorCodes.MemberCodeInvalid, response.FirstErrorCode);
    }

    [Fact]
    public async Task Members_and_guides_may_not_look_members_up_by_code()
    {
        // given
        var member = await _data.MemberAsync("13811117777");
        var guide = await _data.GuideAsync((await _data.StoreAsync()).Id);
        var (code, _) = await MemberCodeAsync(member.Id);

        // when
        var byMember = await _gateway.GraphQLAsync(ByCode, new { code }, _data.MemberToken(member.Id));
        var byGuide = await _gateway.GraphQLAsync(ByCode, new { code }, _data.GuideToken(guide));

        // then
        Assert.Equal(ErrorCodes.NotAuthorized, byMember.FirstErrorCode);
        Assert.Equal(ErrorCodes.NotAuthorized, byGuide.FirstErrorCode);
    }

    [Fact]
    public async Task A_code_shown_before_a_merge_finds_the_surviving_member()
    {
        // given
        var survivor = await _data.MemberAsync("13811118888");
        var merged = await _data.MemberAsync();
        var (code, _) = await MemberCodeAsync(merged.Id);
        await _data.MarkMergedAsync(merged.Id, survivor.Id);

        // when
        var response = await _gateway.GraphQLAsync(ByCode, new { code }, _data.AdminToken());

        // then
        Assert.Equal(GlobalId.Encode("Member", survivor.Id), response.OkData()["memberByCode"]!["id"]!.GetValue<string>());
    }

    private async Task<(string Code, DateTimeOffset ExpiresAt)> MemberCodeAsync(long memberId)
    {
        var response = await _gateway.GraphQLAsync("{ me { memberCode { code expiresAt } } }", token: _data.MemberToken(memberId));
        var memberCode = response.OkData()["me"]!["memberCode"]!;
        return (memberCode["code"]!.GetValue<string>(), DateTimeOffset.Parse(memberCode["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
