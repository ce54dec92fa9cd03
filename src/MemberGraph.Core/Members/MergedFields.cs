using System.Text.Json;

namespace MemberGraph.Members;

/// <summary>
/// The member fields a merge touches, captured before and after, so an unmerge can give the merged member its
/// own values back and undo on the survivor only what the merge itself changed (later edits stay).
/// </summary>
public sealed record MergedFields(MemberFields SurvivorBefore, MemberFields SurvivorAfter, MemberFields MergedBefore)
{
    public string ToJson() => JsonSerializer.Serialize(this, MergeJson.Options);

    public static MergedFields? FromJson(string json) => JsonSerializer.Deserialize<MergedFields>(json, MergeJson.Options);
}

/// <summary>The mergeable fields of a member.</summary>
public sealed record MemberFields(
    string? Phone,
    DateTime? RegisteredAt,
    DateOnly? Birthday,
    Gender Gender,
    bool FollowedOfficialAccount,
    bool AuthorizedMiniProgram,
    bool AddedGuideOnWeCom)
{
    public static MemberFields Of(Member m) =>
        new(m.Phone, m.RegisteredAt, m.Birthday, m.Gender, m.FollowedOfficialAccount, m.AuthorizedMiniProgram, m.AddedGuideOnWeCom);

    /// <summary>What the survivor becomes: its own values first, the merged member's where the survivor has none.</summary>
    public static void Absorb(Member survivor, Member merged)
    {
        survivor.Phone ??= merged.Phone;
        survivor.RegisteredAt = Earliest(survivor.RegisteredAt, merged.RegisteredAt);
        survivor.Birthday ??= merged.Birthday;
        survivor.Gender = survivor.Gender == Gender.Unknown ? merged.Gender : survivor.Gender;
        survivor.FollowedOfficialAccount |= merged.FollowedOfficialAccount;
        survivor.AuthorizedMiniProgram |= merged.AuthorizedMiniProgram;
        survivor.AddedGuideOnWeCom |= merged.AddedGuideOnWeCom;
    }

    public void RestoreOnto(Member member)
    {
        member.Phone = Phone;
        member.RegisteredAt = RegisteredAt;
        member.Birthday = Birthday;
        member.Gender = Gender;
        member.FollowedOfficialAccount = FollowedOfficialAccount;
        member.AuthorizedMiniProgram = AuthorizedMiniProgram;
        member.AddedGuideOnWeCom = AddedGuideOnWeCom;
    }

    /// <summary>Undoes on <paramref name="survivor"/> each field the merge changed, unless it was changed again since.</summary>
    public static void Revert(Member survivor, MemberFields before, MemberFields after)
    {
        survivor.Phone = Pick(survivor.Phone, before.Phone, after.Phone);
        survivor.RegisteredAt = Pick(survivor.RegisteredAt, before.RegisteredAt, after.RegisteredAt);
        survivor.Birthday = Pick(survivor.Birthday, before.Birthday, after.Birthday);
        survivor.Gender = Pick(survivor.Gender, before.Gender, after.Gender);
        survivor.FollowedOfficialAccount = Pick(survivor.FollowedOfficialAccount, before.FollowedOfficialAccount, after.FollowedOfficialAccount);
        survivor.AuthorizedMiniProgram = Pick(survivor.AuthorizedMiniProgram, before.AuthorizedMiniProgram, after.AuthorizedMiniProgram);
        survivor.AddedGuideOnWeCom = Pick(survivor.AddedGuideOnWeCom, before.AddedGuideOnWeCom, after.AddedGuideOnWeCom);
    }

    private static T Pick<T>(T current, T before, T after) => EqualityComparer<T>.Default.Equals(current, after) ? before : current;

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

public static class MergeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Moved(IReadOnlyDictionary<string, IReadOnlyList<long>> moved) => JsonSerializer.Serialize(moved, Options);

    public static Dictionary<string, List<long>> Moved(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, List<long>>>(json, Options) ?? [];
}
