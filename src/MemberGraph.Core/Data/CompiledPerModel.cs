using System.Collections.Concurrent;

namespace MemberGraph.Data;

/// <summary>
/// A compiled EF query per provider context type. EF binds a compiled query to the model it first runs on, and each
/// provider (<see cref="SqliteMemberGraphDb"/>, <see cref="PostgresMemberGraphDb"/>, ...) has a model of its own: a gateway
/// uses one, but a process that hosts gateways on two engines (the concurrency tests) would get the other's query refused.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<Type, TQuery> _compiled = new();

    public TQuery For(MemberGraphDb db) => _compiled.GetOrAdd(db.GetType(), _ => compile());
}
