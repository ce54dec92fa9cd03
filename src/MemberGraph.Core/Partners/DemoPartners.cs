using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>A demo partner as <c>demo-accounts</c> prints it, with the phones of demo members who consent to it.</summary>
public sealed record DemoPartnerAccount(
    long PartnerId, string Name, string ClientId, string Scopes, string DocumentedSecret, IReadOnlyList<string> ConsentingPhones);

/// <summary>
/// The demo's partners: the mall 万象城 (whose id the demo's PARTNER coupon template names) and the department store
/// 银泰百货, with fixed client ids and published secrets, and two demo members consenting, through the same services
/// as the mini-program. The published secrets are demo data like the demo's coupon codes: the token endpoint accepts
/// them only while the Tencent sandbox is on (<see cref="PartnerTokenService"/>), so a demo database started in
/// production refuses them until an admin rotates the secrets.
/// </summary>
public sealed class DemoPartners(IDbContextFactory<MemberGraphDb> factory, PartnerService partners, PartnerConsentService consents)
{
    private const string DemoSubject = "demo-admin";

    private sealed record Definition(string Name, string ClientId, string Secret, PartnerScope[] Scopes);

    private static readonly Definition[] Definitions =
    [
        new("万象城", "demo-mixc", "sandbox-mixc-secret", [PartnerScope.BenefitsRead, PartnerScope.BenefitsRedeem, PartnerScope.PointsExchange]),
        new("银泰百货", "demo-intime", "sandbox-intime-secret", [PartnerScope.BenefitsRead, PartnerScope.BenefitsRedeem]),
    ];

    public static bool IsDocumentedSecret(string secret) => Definitions.Any(d => d.Secret == secret);

    /// <summary>
    /// Registers the two partners (once) and lets the two oldest registered mini-program members consent: the first to
    /// 万象城 for benefits and points exchange, the second to 万象城 and 银泰百货 for benefits.
    /// </summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var admin = new Caller(DemoSubject, Roles.Admin, null, null, null, null, new HashSet<string>());
        var ids = new List<long>();
        foreach (var definition in Definitions)
        {
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                if (await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == definition.ClientId, cancellationToken) is { } known)
                {
                    ids.Add(known.Id);
                    continue;
                }
            }

            var input = new RegisterPartnerInput { Name = definition.Name, Scopes = [.. definition.Scopes] };
            var registered = await partners.RegisterAsync(admin, input, definition.ClientId, definition.Secret, cancellationToken);
            ids.Add(registered.Value?.Partner.Id
                    ?? throw new InvalidOperationException($"Demo partner {definition.Name}: {registered.Error?.Message}"));
        }

        var members = await ConsentingMembersAsync(cancellationToken);
        (int Member, int Partner, PartnerConsentPurpose Purpose)[] grants =
        [
            (0, 0, PartnerConsentPurpose.Benefits), (0, 0, PartnerConsentPurpose.PointsExchange),
            (1, 0, PartnerConsentPurpose.Benefits), (1, 1, PartnerConsentPurpose.Benefits),
        ];
        foreach (var (member, partner, purpose) in grants.Where(g => g.Member < members.Count))
        {
            var caller = new Caller($"member:{members[member]}", Roles.Member, members[member], null, null, null, new HashSet<string>());
            var input = new PartnerConsentInput
            {
                PartnerId = ids[partner].ToString(System.Globalization.CultureInfo.InvariantCulture), Purpose = purpose,
            };
            var granted = await consents.GrantAsync(caller, input, ConsentChannel.MiniProgram, cancellationToken);
            if (granted.Error is { } refusal)
            {
                throw new InvalidOperationException($"Demo consent of member {members[member]}: {refusal.Message}");
            }
        }
    }

    /// <summary>The demo partners in the database, with the published secret and the phones of their consenting members.</summary>
    public static async Task<IReadOnlyList<DemoPartnerAccount>> ListAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        var clientIds = Definitions.Select(d => d.ClientId).ToList();
        var rows = await db.Partners.AsNoTracking().Where(p => clientIds.Contains(p.ClientId)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var partnerIds = rows.ConvertAll(p => p.Id);
        var phones = await db.PartnerConsents.AsNoTracking()
            .Where(c => partnerIds.Contains(c.PartnerId))
            .Join(db.Members.Where(m => m.Phone != null), c => c.MemberId, m => m.Id, (c, m) => new { c.PartnerId, m.Id, m.Phone })
            .Distinct().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(p => new DemoPartnerAccount(
            p.Id, p.Name, p.ClientId, p.Scopes, Definitions.Single(d => d.ClientId == p.ClientId).Secret,
            phones.Where(c => c.PartnerId == p.Id).Select(c => c.Phone!).ToList()));
    }

    private async Task<List<long>> ConsentingMembersAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active && m.Phone != null && m.Identities.Any(i => i.Channel == IdentityChannel.WechatOpenid))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(cancellationToken);
    }
}
