using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Segments;

public sealed record SaveSegmentInput(string? Id, string Name, string Expression);

/// <summary>A parsed and resolved expression: the members it selects, as one query over any context.</summary>
public sealed record SegmentAudience(SegmentExpression Expression, SegmentLookups Lookups)
{
    /// <summary>Active members matching the expression (merged and erased members are never in an audience).</summary>
    public IQueryable<Member> MembersIn(MemberGraphDb db) =>
        db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active).Where(new SegmentPredicates(db, Lookups).Build(Expression));
}

/// <summary>Previews, saves and pages segments. Counting is one SQL COUNT; a page is one keyset query.</summary>
public sealed class SegmentService(IDbContextFactory<MemberGraphDb> factory, TierLadder ladder, TimeProvider clock)
{
    public async Task<(SegmentAudience? Audience, SegmentSyntaxError? Error)> CompileAsync(string text, CancellationToken cancellationToken)
    {
        var (expression, syntaxError) = SegmentExpressionParser.Parse(text);
        if (expression is null)
        {
            return (null, syntaxError);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (lookups, error) = await SegmentLookups.LoadAsync(db, text, expression, ladder, cancellationToken);
        return lookups is null ? (null, error) : (new SegmentAudience(expression, lookups), null);
    }

    public async Task<long> CountAsync(SegmentAudience audience, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await audience.MembersIn(db).LongCountAsync(cancellationToken);
    }

    /// <summary>Up to <paramref name="take"/> members after <paramref name="after"/>, by id.</summary>
    public async Task<List<Member>> PageAsync(SegmentAudience audience, long? after, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = audience.MembersIn(db);
        if (after is { } position)
        {
            members = members.Where(m => m.Id > position);
        }

        return await members.OrderBy(m => m.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a segment, or changes the one <see cref="SaveSegmentInput.Id"/> names; counts its members.</summary>
    public async Task<Outcome<Segment>> SaveAsync(SaveSegmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            return Outcome<Segment>.Refused(UserErrorCode.InvalidInput, "A segment name has 1 to 100 characters.", "name");
        }

        var (audience, error) = await CompileAsync(input.Expression, cancellationToken);
        if (audience is null)
        {
            return Outcome<Segment>.Refused(UserErrorCode.SegmentExpressionInvalid, $"{error!.Message} (at position {error.Position})", "expression");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Segment? segment = null;
        if (input.Id is not null)
        {
            var id = GlobalId.TryDecode(input.Id, "Segment");
            segment = id is null ? null : await db.Segments.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (segment is null)
            {
                return Outcome<Segment>.Refused(UserErrorCode.NotFound, "No such segment.", "id");
            }
        }

        if (await db.Segments.AnyAsync(s => s.Name == name && (segment == null || s.Id != segment.Id), cancellationToken))
        {
            return Outcome<Segment>.Refused(UserErrorCode.SegmentNameTaken, $"A segment named '{name}' exists already.", "name");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (segment is null)
        {
            segment = new Segment { Owner = caller.Subject, CreatedAt = now };
            db.Segments.Add(segment);
        }

        segment.Name = name;
        segment.Expression = input.Expression.Trim();
        segment.LastCount = await audience.MembersIn(db).LongCountAsync(cancellationToken);
        segment.LastCountedAt = now;
        segment.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Outcome<Segment>.Refused(UserErrorCode.SegmentNameTaken, $"A segment named '{name}' exists already.", "name");
        }

        return Outcome<Segment>.Ok(segment);
    }
}
