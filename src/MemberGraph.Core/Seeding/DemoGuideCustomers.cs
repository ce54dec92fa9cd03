using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>A store's guides as the demo story casts them: the first is the store's lead guide.</summary>
internal sealed record DemoStoreTeam(long StoreId, string StoreCode, IReadOnlyList<Guide> Guides);

/// <summary>Who became a guide's customer in the demo, and how.</summary>
internal sealed record DemoCustomer(long MemberId, long GuideId, RelationshipSource Source, string? ExternalUserId);

/// <summary>
/// Gives the guides customers the ways real customers arrive: adding the guide on WeCom (the contact-way QR code's
/// <c>state</c> is the guide code), scanning the guide's QR code, opening a shared link, or store assignment. A WeCom
/// add-contact is stored as the callback path stores it (<see cref="WeComContactEventHandler"/>): OneID resolves the
/// new <c>WECOM_EXTERNAL_USERID</c> together with the unionid WeCom's <c>externalcontact/get</c> returns, so the
/// guide-side customer is the same member as the mini-program one; the relationship opens through
/// <see cref="GuideRelationships.OpenAsync"/> and the member is marked as having added a guide. The other sources go
/// through <see cref="GuideBindingService"/>, the service behind <c>bindGuide</c>.
/// </summary>
internal sealed class DemoGuideCustomers(IDbContextFactory<MemberGraphDb> factory, OneIdService oneId, GuideBindingService binding, AuditLog audit)
{
    public static readonly Caller Operator = new("demo-seed", Roles.Admin, null, null, null, null, new HashSet<string>());

    /// <summary>Binds the cast: per store, the lead guide gets six exclusive customers from every source and three follows; the others one each.</summary>
    public async Task<List<DemoCustomer>> SeedAsync(IReadOnlyList<DemoStoreTeam> teams, Queue<long> candidates, DateTime now, CancellationToken ct)
    {
        var customers = new List<DemoCustomer>();
        RelationshipSource[] leadSources =
        [
            RelationshipSource.WeComAddContact, RelationshipSource.WeComAddContact, RelationshipSource.WeComAddContact,
            RelationshipSource.QrScan, RelationshipSource.ShareLink, RelationshipSource.StoreAssignment,
        ];
        foreach (var team in teams)
        {
            var lead = team.Guides[0];
            foreach (var source in leadSources)
            {
                if (candidates.TryDequeue(out var memberId))
                {
                    customers.Add(await BindAsync(lead, memberId, source, now, ct));
                }
            }

            foreach (var guide in team.Guides.Skip(1))
            {
                if (candidates.TryDequeue(out var memberId))
                {
                    customers.Add(await BindAsync(guide, memberId, RelationshipSource.WeComAddContact, now, ct));
                }
            }
        }

        // Follows: each lead guide is also added on WeCom by two WeCom customers of the next store's lead guide, and
        // followed through a shared link by its QR-scan customer.
        for (var t = 0; t < teams.Count && teams.Count > 1; t++)
        {
            var lead = teams[t].Guides[0];
            var nextLead = teams[(t + 1) % teams.Count].Guides[0].Id;
            foreach (var other in customers.Where(c => c.GuideId == nextLead && c.Source == RelationshipSource.WeComAddContact).Take(2).ToList())
            {
                customers.Add(await BindAsync(lead, other.MemberId, RelationshipSource.WeComAddContact, now, ct));
            }

            if (customers.FirstOrDefault(c => c.GuideId == nextLead && c.Source == RelationshipSource.QrScan) is { } scanner)
            {
                customers.Add(await BindAsync(lead, scanner.MemberId, RelationshipSource.ShareLink, now, ct));
            }
        }

        return customers;
    }

    private async Task<DemoCustomer> BindAsync(Guide guide, long memberId, RelationshipSource source, DateTime now, CancellationToken ct)
    {
        if (source == RelationshipSource.WeComAddContact)
        {
            return await AddOnWeComAsync(guide, memberId, now, ct);
        }

        var detail = source == RelationshipSource.ShareLink ? $"share:{guide.GuideCode}" : source == RelationshipSource.QrScan ? guide.GuideCode : null;
        var bound = await binding.BindAsync(Operator, new BindGuideRequest(null, guide.Id, memberId, source, detail), ct);
        if (!bound.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed: binding member {memberId} to guide {guide.Id} by {source} was refused: {bound.Error!.Message}");
        }

        return new DemoCustomer(memberId, guide.Id, source, null);
    }

    /// <summary>What an <c>add_external_contact</c> callback with the guide code as state does, the contact's unionid known.</summary>
    private async Task<DemoCustomer> AddOnWeComAsync(Guide guide, long memberId, DateTime now, CancellationToken ct)
    {
        var externalUserId = DemoCast.ExternalUserIdOf(memberId);
        string? unionId;
        await using (var read = await factory.CreateDbContextAsync(ct))
        {
            unionId = await read.Identities.AsNoTracking()
                .Where(i => i.MemberId == memberId && i.Channel == IdentityChannel.WechatUnionid)
                .Select(i => i.ExternalId).FirstOrDefaultAsync(ct);
        }

        List<(IdentityChannel, string)> identities = [(IdentityChannel.WecomExternalUserid, externalUserId)];
        if (unionId is not null)
        {
            identities.Add((IdentityChannel.WechatUnionid, unionId));
        }

        var resolved = await oneId.ResolveMemberAsync(identities, "wecom add_external_contact", WeComContactEventHandler.WeComActor, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.Members.SingleAsync(m => m.Id == resolved, ct);
        member.AddedGuideOnWeCom = true;
        member.TouchedAt = now;
        var (relationship, opened) = await GuideRelationships.OpenAsync(db, resolved, guide.Id, RelationshipSource.WeComAddContact, guide.GuideCode, now, ct);
        if (opened)
        {
            audit.Record(db, WeComContactEventHandler.WeComActor, "guide.bind", $"Member:{resolved}",
                $"guide {guide.Id} ({guide.GuideCode}) via WeCom add-contact, state '{guide.GuideCode}', {relationship.Kind}");
        }

        await db.SaveChangesAsync(ct);
        return new DemoCustomer(resolved, guide.Id, RelationshipSource.WeComAddContact, externalUserId);
    }
}
