using GraphQL;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Tests.Architecture;

/// <summary>
/// Ingestion tokens name their channels as the schema does (<c>channel:MINI_PROGRAM</c>), and refusals name them so too;
/// the domain spells them without GraphQL.NET, which spells the schema's enum values.
/// </summary>
public sealed class ConstantCaseTests
{
    [Fact]
    public void Channels_are_spelled_as_the_schema_spells_them()
    {
        // given
        Enum[] channels = [.. Enum.GetValues<SalesChannel>().Cast<Enum>(), .. Enum.GetValues<CouponChannel>().Cast<Enum>()];

        // when
        var spelled = channels.Select(c => (Schema: c.ToString().ToConstantCase(), Domain: ConstantCase.Of(c))).ToList();

        // then
        Assert.Equal("MINI_PROGRAM", ConstantCase.Of(SalesChannel.MiniProgram));
        Assert.All(spelled, s => Assert.Equal(s.Schema, s.Domain));
    }
}
