using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// The sandbox's contact directory is the gateway's own data, so demo seeding fills it by writing members:
/// <list type="bullet">
/// <item>an external user id that is a member's <c>WECOM_EXTERNAL_USERID</c> identity answers that member's display name
/// and their <c>WECHAT_UNIONID</c> identity, if any;</item>
/// <item>any other <c>wm…</c> id answers <c>客户&lt;last four&gt;</c> and the unionid <see cref="UnionIdOf"/>, so a member
/// seeded with that <c>WECHAT_UNIONID</c> is recognised when the id adds a guide (WeCom's unionid bridge).</item>
/// </list>
/// </summary>
public sealed class DatabaseSandboxContacts(IDbContextFactory<MemberGraphDb> factory) : IWeComSandboxContacts
{
    public const string UnionIdPrefix = "sandbox-unionid-";

    /// <summary>The unionid the sandbox gives an external user id no member holds yet.</summary>
    public static string UnionIdOf(string externalUserId) => UnionIdPrefix + externalUserId;

    public async Task<SandboxContact> FindAsync(string externalUserId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.Identities.AsNoTracking()
            .Where(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == externalUserId)
            .Select(i => new { i.MemberId, i.Member!.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return SandboxContact.Unknown(externalUserId, UnionIdOf(externalUserId));
        }

        var unionId = await db.Identities.AsNoTracking()
            .Where(i => i.MemberId == member.MemberId && i.Channel == IdentityChannel.WechatUnionid)
            .Select(i => i.ExternalId)
            .FirstOrDefaultAsync(cancellationToken);
        return new SandboxContact(externalUserId, member.DisplayName.Length > 0 ? member.DisplayName : SandboxContact.Unknown(externalUserId).Name, unionId);
    }
}
