using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>A partner with the client secret just issued to it: shown to the admin once, stored only as a hash.</summary>
public sealed record PartnerWithSecret(Partner Partner, string ClientSecret);

/// <summary>
/// Admins register partners, rotate their secrets and suspend or reactivate them; each change is audited. A rotation
/// replaces the hash, so the old secret is refused at once, and moves the secret version on, so the old secret's
/// tokens are refused from their next request (<see cref="PartnerAccess"/>).
/// </summary>
public sealed class PartnerService(IDbContextFactory<MemberGraphDb> factory, AuditLog audit, TimeProvider clock)
{
    private const int RotationAttempts = 3;

    public Task<Outcome<PartnerWithSecret>> RegisterAsync(Caller caller, RegisterPartnerInput input, CancellationToken cancellationToken) =>
        RegisterAsync(caller, input, PartnerSecret.NewClientId(), PartnerSecret.NewSecret(), cancellationToken);

    /// <summary>Registers with given credentials: the demo's documented ones (<see cref="DemoPartners"/>).</summary>
    internal async Task<Outcome<PartnerWithSecret>> RegisterAsync(
        Caller caller, RegisterPartnerInput input, string clientId, string secret, CancellationToken cancellationToken)
    {
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            return PartnerErrors.NameInvalid();
        }

        if (input.Scopes.Count == 0)
        {
            return PartnerErrors.NoScopes();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Partners.AnyAsync(p => p.Name == name, cancellationToken))
        {
            return PartnerErrors.NameTaken(name);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var partner = new Partner
        {
            Name = name,
            ClientId = clientId,
            SecretHash = PartnerSecret.Hash(secret),
            Scopes = PartnerScopes.Format(input.Scopes),
            CreatedAt = now,
            SecretRotatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Partners.Add(partner);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return PartnerErrors.NameTaken(name);
        }

        audit.Record(db, caller, "partner.register", Target(partner), $"'{partner.Name}', client id {partner.ClientId}, scopes {partner.Scopes}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<PartnerWithSecret>.Ok(new PartnerWithSecret(partner, secret));
    }

    /// <summary>
    /// A new secret; the old one stops working at once. The version moves on only from the version read, so two
    /// rotations at once are two rotations: each admin gets a secret, and only the later one works.
    /// </summary>
    public async Task<Outcome<PartnerWithSecret>> RotateSecretAsync(Caller caller, string partnerId, CancellationToken cancellationToken)
    {
        if (GlobalId.TryDecode(partnerId, "Partner") is not { } id)
        {
            return PartnerErrors.PartnerNotFound();
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (partner is null)
            {
                return PartnerErrors.PartnerNotFound();
            }

            var secret = PartnerSecret.NewSecret();
            var hash = PartnerSecret.Hash(secret);
            var version = partner.SecretVersion;
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rotated = await db.Partners.Where(p => p.Id == id && p.SecretVersion == version).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.SecretHash, hash)
                .SetProperty(p => p.SecretVersion, version + 1)
                .SetProperty(p => p.SecretRotatedAt, now), cancellationToken);
            if (rotated == 0 && attempt < RotationAttempts)
            {
                continue;
            }

            if (rotated == 0)
            {
                throw new InvalidOperationException($"Partner {id}: the secret kept changing under {RotationAttempts} rotations.");
            }

            audit.Record(db, caller, "partner.rotateSecret", Target(partner), $"secret version {version} → {version + 1}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await db.Entry(partner).ReloadAsync(cancellationToken);
            return Outcome<PartnerWithSecret>.Ok(new PartnerWithSecret(partner, secret));
        }
    }

    /// <summary>Suspends (sign-in refused, tokens refused, no new consents) or reactivates a partner.</summary>
    public async Task<Outcome<Partner>> SetStatusAsync(Caller caller, SetPartnerStatusInput input, CancellationToken cancellationToken)
    {
        if (GlobalId.TryDecode(input.PartnerId, "Partner") is not { } id)
        {
            return PartnerErrors.PartnerNotFound();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerErrors.PartnerNotFound();
        }

        if (partner.Status != input.Status)
        {
            audit.Record(db, caller, "partner.status", Target(partner), $"{partner.Status} → {input.Status}");
            partner.Status = input.Status;
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome<Partner>.Ok(partner);
    }

    private static string Target(Partner partner) => $"Partner:{partner.Id}";
}
