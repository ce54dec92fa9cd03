using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// The sales channels an <c>ingestion</c> token writes and reads back orders of: its <c>channel:</c> scopes, named as
/// the schema's <c>OrderChannel</c> (<c>scope: "channel:TMALL channel:JD"</c>), so a marketplace's credentials cannot
/// record or refund another channel's orders. A token naming no <c>channel:</c> scope at all covers every channel, as
/// ingestion tokens did before channels were checked (README, "Roles and authorization"); one naming only unknown
/// channels covers none. Other roles are not bound to channels here.
/// </summary>
public static class ChannelScope
{
    public const string Prefix = "channel:";

    private static readonly Dictionary<string, SalesChannel> ByName =
        Enum.GetValues<SalesChannel>().ToDictionary(c => ConstantCase.Of(c), StringComparer.Ordinal);

    public static bool Covers(Caller caller, SalesChannel channel)
    {
        if (!caller.Is(Roles.Ingestion))
        {
            return true;
        }

        var named = caller.Scopes.Where(s => s.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        return named.Count == 0 || named.Any(s => ByName.TryGetValue(s[Prefix.Length..], out var scoped) && scoped == channel);
    }

    /// <summary>Refuses with AUTH_NOT_AUTHORIZED unless <see cref="Covers"/>.</summary>
    public static void EnsureCovers(Caller caller, SalesChannel channel, string what)
    {
        if (!Covers(caller, channel))
        {
            throw RequestRefusedException.NotAuthorized($"{what} of the {ConstantCase.Of(channel)} channel: the token's scope does not name it");
        }
    }
}
