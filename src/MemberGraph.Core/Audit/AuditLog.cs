using MemberGraph.Auth;
using MemberGraph.Data;

namespace MemberGraph.Audit;

/// <summary>
/// Writes <see cref="AuditEntry"/> rows inside the caller's unit of work, so the audit line commits (or rolls
/// back) with the change it describes: inside a transaction held for its commit (<see cref="RowsAtCommit"/>), else added to
/// the context for its next save.
/// </summary>
public sealed class AuditLog(TimeProvider clock, RowsAtCommit atCommit)
{
    public void Record(MemberGraphDb db, Caller caller, string operation, string target, string? detail = null)
    {
        var line = new AuditEntry
        {
            Subject = caller.Subject,
            Role = caller.Role ?? "anonymous",
            Operation = operation,
            Target = target,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            At = clock.GetUtcNow().UtcDateTime,
        };
        if (!atCommit.TryHold(db, line))
        {
            db.AuditEntries.Add(line);
        }
    }
}
