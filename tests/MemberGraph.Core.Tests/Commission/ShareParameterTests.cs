using MemberGraph.Commission;

namespace MemberGraph.Core.Tests.Commission;

/// <summary>The share parameter of share cards and live streams: gc= (the sharing guide) and live= (the stream).</summary>
public sealed class ShareParameterTests
{
    [Theory]
    [InlineData("gc=GSH00101", "GSH00101", null)]
    [InlineData("live=L20261111", null, "L20261111")]
    [InlineData("gc=GSH00101&live=L20261111", "GSH00101", "L20261111")]
    [InlineData("live=L1;gc=G2", "G2", "L1")]                      // ';' separates too, in any order
    [InlineData("GC=G1&LIVE=L1", "G1", "L1")]                      // keys are case-insensitive
    [InlineData("  gc = G1 ;  live = L1  ", "G1", "L1")]           // spaces around pairs, keys and values
    [InlineData("gc=G%E5%BA%97&x=1", "G店", null)]                 // values are URL-decoded; unknown keys ignored
    [InlineData("gc=FIRST&gc=SECOND", "FIRST", null)]              // the first of repeated keys counts
    public void Pairs_are_read_whatever_their_order_case_or_spacing(string value, string? guideCode, string? live)
    {
        Assert.Equal(new ShareParameter(guideCode, live), ShareParameter.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("&&;;")]
    [InlineData("gc")]          // no '='
    [InlineData("=G1")]         // no key
    [InlineData("gc=")]         // no value
    [InlineData("guide=G1")]    // not a key we know
    public void Empty_or_malformed_parameters_name_nobody(string? value)
    {
        Assert.Equal(new ShareParameter(null, null), ShareParameter.Parse(value));
    }

    [Fact]
    public void An_empty_pair_does_not_hide_a_later_one()
    {
        Assert.Equal(new ShareParameter("G2", null), ShareParameter.Parse("gc=&gc=G2"));
    }
}
