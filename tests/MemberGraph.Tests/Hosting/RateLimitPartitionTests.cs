using System.Net;
using GraphQLParser;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Hosting.RateLimiting;

namespace MemberGraph.Tests.Hosting;

/// <summary>What the rate limits count by: the client's address (IPv6 by /64) and a mutation's root fields.</summary>
public sealed class RateLimitPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "20010db800010002/64")]
    [InlineData("2001:db8:1:2::1", "20010db800010002/64")]
    [InlineData("2001:db8:1:3::1", "20010db800010003/64")]
    public void An_address_is_its_IPv4_or_its_IPv6_64_prefix(string address, string partition) =>
        Assert.Equal(partition, ClientAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void Without_an_address_the_partition_is_unknown() => Assert.Equal("unknown", ClientAddress.Of((IPAddress?)null));

    [Theory]
    [InlineData("mutation { a b }", null, "a b")]
    [InlineData("mutation M { ...F ... on Mutation { c } } fragment F on Mutation { a ...G } fragment G on Mutation { b ...F }", null, "a b c")]
    [InlineData("query Q { x } mutation M { a }", "M", "a")]
    [InlineData("query Q { x } mutation M { a }", "Q", null)]
    [InlineData("query Q { x } mutation M { a }", null, null)]
    [InlineData("subscription { a }", null, null)]
    [InlineData("{ a }", null, null)]
    public void A_mutations_root_fields_are_found_through_fragments(string document, string? operationName, string? fields)
    {
        // when
        var found = OperationRateLimits.MutationRootFields(Parser.Parse(document), operationName);

        // then
        Assert.Equal(fields, found is null ? null : string.Join(' ', found.Order(StringComparer.Ordinal)));
    }
}
