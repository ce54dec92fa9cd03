using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using MemberGraph.GraphQL;
using MemberGraph.Members;

namespace MemberGraph.Audit;

/// <summary>
/// Writes the access log from an execution's result, after it ran and before it is sent: the executed tree says exactly
/// which objects of the <see cref="AccessLogged"/> types went out, whose they are and which of their fields were answered
/// (a field refused at its own path, as on a store colleague's reduced card, was not shown and is not listed). One entry per
/// member and root field; the member's own reads are not logged. Resolvers stay unaware of it; a type added later is
/// covered by marking it.
/// </summary>
public sealed class AccessRecorder(ISchema schema, AccessLog log, TimeProvider clock, ILogger<AccessRecorder> logger)
{
    /// <summary>
    /// The result, once its reads are recorded. Fail closed: when they cannot be recorded (a fault here, never a busy
    /// database: the log waits for that), the data is withheld and the client gets an INTERNAL_SERVER_ERROR instead, since
    /// personal information goes out only with its trace.
    /// </summary>
    public async Task<ExecutionResult> RecordOrWithholdAsync(ExecutionResult result, GraphQLContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(result, context, cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The access log could not record an answer about members; its data is withheld");
            return new ExecutionResult
            {
                Executed = true,
                Errors = [new GraphQLRequestError(ErrorCodes.Internal, "The answer could not be recorded in the access log, so it is withheld. Try again.")],
            };
        }
    }

    public async Task RecordAsync(ExecutionResult result, GraphQLContext context, CancellationToken cancellationToken)
    {
        if (result.Data is not ExecutionNode root)
        {
            return; // nothing was answered
        }

        var reads = new Reads(schema, context, Refused(result));
        reads.Visit(root, operation: null);
        if (reads.Fields.Count == 0)
        {
            return;
        }

        var at = clock.GetUtcNow().UtcDateTime;
        var caller = context.Caller;
        await log.RecordAsync(reads.Fields.Select(read => new AccessLogEntry
        {
            At = at, Subject = caller.Subject, Role = caller.Role ?? "anonymous", MemberId = read.Key.MemberId, Operation = read.Key.Operation,
            Fields = Compact(read.Value),
        }).ToList(), cancellationToken);
    }

    /// <summary>The response paths of the errors: fields refused there show nothing.</summary>
    private static HashSet<string> Refused(ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors
            ? errors.Where(e => e.Path is not null).Select(e => Path(e.Path!)).ToHashSet(StringComparer.Ordinal)
            : [];

    private static string Path(IEnumerable<object> path) => string.Join('/', path);

    /// <summary>Sorted, comma-separated, cut (at a field) to the column's width.</summary>
    private static string Compact(SortedSet<string> fields)
    {
        var text = string.Join(',', fields);
        if (text.Length <= AccessLogEntry.MaxFieldsLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(',', AccessLogEntry.MaxFieldsLength - 2);
        return text[..cut] + ",…";
    }

    /// <summary>One walk of the executed tree: per member and root field, the fields answered.</summary>
    private sealed class Reads(ISchema schema, GraphQLContext context, HashSet<string> refused)
    {
        public Dictionary<(long MemberId, string Operation), SortedSet<string>> Fields { get; } = [];

        public void Visit(ExecutionNode node, string? operation)
        {
            switch (node)
            {
                case ArrayExecutionNode { Items: { } items }:
                    foreach (var item in items)
                    {
                        Visit(item, operation);
                    }

                    break;
                case ObjectExecutionNode { SubFields: { } children } parent:
                    if (operation is not null && MemberOf(parent) is { } memberId && !MemberSelf.IsSelf(context, memberId))
                    {
                        var fields = FieldsOf(memberId, operation);
                        foreach (var child in children.Where(Shown))
                        {
                            fields.Add(child.FieldDefinition.Name);
                        }
                    }

                    foreach (var child in children)
                    {
                        Visit(child, operation ?? child.FieldDefinition.Name); // below the root: the root field the read came through
                    }

                    break;
            }
        }

        /// <summary>
        /// A field of a logged object that showed something of it: not introspection, not refused at its own path, and not
        /// the way to another logged object (the card's member), whose own fields are listed instead.
        /// </summary>
        private bool Shown(ExecutionNode field) =>
            !field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
            && (refused.Count == 0 || !refused.Contains(Path(field.ResponsePath)))
            && !(field is ObjectExecutionNode { SubFields: not null } logged && MemberOf(logged) is not null);

        /// <summary>The member an object of a logged type shows; null for any other object.</summary>
        private long? MemberOf(ObjectExecutionNode node) =>
            node.Result is { } source && node.GetObjectGraphType(schema) is { } type && AccessLogged.MemberOf(type) is { } memberOf
                ? memberOf(source)
                : null;

        private SortedSet<string> FieldsOf(long memberId, string operation)
        {
            if (!Fields.TryGetValue((memberId, operation), out var fields))
            {
                fields = new SortedSet<string>(StringComparer.Ordinal);
                Fields[(memberId, operation)] = fields;
            }

            return fields;
        }
    }
}
