using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// <c>createGuideContactWay</c>: the guide's 「联系我」 QR code (<c>externalcontact/add_contact_way</c>, single member,
/// QR scene) with <c>state</c> = the guide code, so every customer who scans it is attributed to this guide.
/// </summary>
public sealed class GuideContactWayService(IDbContextFactory<MemberGraphDb> factory, WeComClient wecom, AuditLog audit)
{
    /// <summary>WeCom's limit on <c>state</c>.</summary>
    public const int MaxStateLength = 30;

    public async Task<Outcome<Guide>> CreateAsync(Caller caller, long guideId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var guide = await db.Guides.FirstOrDefaultAsync(g => g.Id == guideId, cancellationToken);
        if (guide is null)
        {
            return Outcome<Guide>.Refused(UserErrorCode.NotFound, "There is no such guide.", "guideId");
        }

        GuideAccess.EnsureCanManage(caller, guide.StoreId, "create contact QR codes for guides of another store");
        if (guide.Status != GuideStatus.Active)
        {
            return Outcome<Guide>.Refused(UserErrorCode.GuideResigned, "This guide has left the store.", "guideId");
        }

        if (guide.ContactWayConfigId is not null)
        {
            return Outcome<Guide>.Ok(guide);
        }

        if (guide.GuideCode.Length is 0 or > MaxStateLength)
        {
            return Outcome<Guide>.Refused(UserErrorCode.InvalidInput, $"The guide code must be 1 to {MaxStateLength} characters to be a WeCom state.", "guideId");
        }

        var result = await wecom.AddContactWayAsync(new WeComAddContactWayRequest
        {
            State = guide.GuideCode,
            User = [guide.WeComUserId],
            Remark = guide.GuideCode,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return WeComUserErrors.From(result.Failure!, "guideId");
        }

        guide.ContactWayConfigId = result.Value!.ConfigId;
        guide.ContactWayQrCode = result.Value.QrCode;
        audit.Record(db, caller, "guide.contactWay.create", $"Guide:{guide.Id}", $"config {guide.ContactWayConfigId}, state {guide.GuideCode}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guide>.Ok(guide);
    }
}
