using System.Text.Encodings.Web;
using System.Text.Json;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>
/// The export's JSON document, read from the database for one member (the survivor of any merges, whose rows include the
/// merged members'): the profile with channel statuses and tier, every identity unmasked, the orders with lines and
/// refunds, the points account, lots and ledger, the coupons, the tags, the guide relationships (history included), the
/// consents (marketing; partners: live consents, their ledger, the pairwise ids partners know the member by, and what was
/// settled with partners about the member), the erasure requests, and the processing: what the data is used for and the
/// audit lines about the member. Ids are the schema's global ids; money in cents; times UTC; enums as the schema spells them.
/// </summary>
public sealed class DataExportDocument(TierLadder ladder)
{
    public const string Format = "membergraph.member-data.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese names readable in the file; it is never embedded in HTML
    };

    /// <summary>What MemberGraph does with a member's data, in the file for the member to read (DESIGN.md, README "Privacy").</summary>
    private static readonly string[] Purposes =
    [
        "LOYALTY: points, tiers and coupons from orders on every channel",
        "GUIDE_SERVICE: the member's guides see their card in the WeCom sidebar",
        "STORE_SERVICE: store staff see the member shown at the till (member code)",
        "MARKETING: subscribe messages and guide outreach, only with marketing consent",
        "PARTNER_SHARING: tier and shared benefits with each partner the member consents to, per purpose",
    ];

    public async Task<string> BuildAsync(MemberGraphDb db, Member member, DateTime now, CancellationToken ct)
    {
        var id = member.Id;
        var merged = await db.MemberMerges.AsNoTracking().Where(m => m.SurvivorId == id && m.UnmergedAt == null)
            .OrderBy(m => m.Id).Select(m => new { m.MergedId, m.MergedAt, m.Reason }).ToListAsync(ct);
        var targets = merged.Select(m => MemberMerger.Target(m.MergedId)).Append(MemberMerger.Target(id)).ToList();
        var tier = await db.MemberTiers.AsNoTracking().FirstOrDefaultAsync(t => t.MemberId == id, ct);
        var identities = await db.Identities.AsNoTracking().Where(i => i.MemberId == id).OrderBy(i => i.Id).ToListAsync(ct);
        var erasures = await db.ErasureRequests.AsNoTracking().Where(r => r.MemberId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => targets.Contains(a.Target)).OrderBy(a => a.Id)
            .Select(a => new { a.Operation, a.Role, a.At }).ToListAsync(ct);
        var activity = await DataExportActivity.ReadAsync(db, id, ct);
        var consents = await DataExportConsents.ReadAsync(db, id, ct);

        var document = new
        {
            format = Format,
            exportedAt = now,
            member = new
            {
                id = GlobalId.Encode("Member", id),
                member.DisplayName,
                member.Phone,
                member.Birthday,
                gender = ConstantCase.Of(member.Gender),
                member.CreatedAt,
                member.RegisteredAt,
                status = ConstantCase.Of(member.Status),
                homeLocation = member.HomeLatitude is { } lat && member.HomeLongitude is { } lng ? new { latitude = lat, longitude = lng } : null,
                channelStatus = new
                {
                    registered = member.IsRegistered, member.FollowedOfficialAccount, member.AuthorizedMiniProgram, member.AddedGuideOnWeCom,
                },
                tier = new { level = tier?.Level ?? 0, name = ladder.NameOf(tier?.Level ?? 0), since = tier?.Since },
            },
            identities = identities.Select(i => new { channel = ConstantCase.Of(i.Channel), i.ExternalId, i.LinkedAt }),
            mergedMembers = merged.Select(m => new { id = GlobalId.Encode("Member", m.MergedId), m.MergedAt, m.Reason }),
            activity.Orders,
            activity.Points,
            activity.Coupons,
            activity.Tags,
            activity.GuideRelationships,
            consents = new { marketing = member.MarketingConsent, consents.Partners, consents.PartnerLedger, consents.PairwiseIds },
            consents.PartnerTransactions,
            erasureRequests = erasures.Select(r => new
            {
                id = GlobalId.Encode("ErasureRequest", r.Id), status = ConstantCase.Of(r.Status), r.RequestedAt, r.DueAt, r.CancelledAt,
            }),
            processing = new
            {
                purposes = Purposes,

                // Who did what to the member's record: the role and the operation, not other people's ids.
                auditLog = audit.Select(a => new { a.Operation, by = a.Role, a.At }),
            },
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
