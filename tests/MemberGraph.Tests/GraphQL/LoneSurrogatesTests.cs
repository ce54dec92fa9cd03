using System.Text;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.Tests.GraphQL;

/// <summary>The lone-surrogate checks on their own: JSON escapes, GraphQL escapes, raw text and percent-encoded query strings.</summary>
public sealed class LoneSurrogatesTests
{
    [Theory]
    [InlineData("""{"s":"\ud800"}""", true)]
    [InlineData("""{"s":"\udc00"}""", true)]
    [InlineData("""{"s":"\ud800x"}""", true)]
    [InlineData("""{"s":"\ud800\n"}""", true)]
    [InlineData("""{"s":"\ud800\ud800\udc00"}""", true)]
    [InlineData("""{"s":"\udc00\ud800"}""", true)]
    [InlineData("""{"\udfff":1}""", true)]
    [InlineData("""{"s":["ok",{"t":"\uDBFF"}]}""", true)]
    [InlineData("""{"s":"\ud83d\ude00"}""", false)]
    [InlineData("""{"s":"\uD83D\uDE00 and \u00e9"}""", false)]
    [InlineData("""{"s":"\\ud800"}""", false)]
    [InlineData("""{"s":"\ufffd"}""", false)]
    [InlineData("""{"s":"plain"}""", false)]
    public void Json_escapes(string json, bool lone) => Assert.Equal(lone, LoneSurrogates.InJson(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{ a(s: "\uD800") }""", true)]
    [InlineData("""{ a(s: ["x", "\uDC00"]) }""", true)]
    [InlineData("""{ a(s: {b: "\uD800\u0041"}) }""", true)]
    [InlineData("""query($v: String = "\uDFFF") { a(s: $v) }""", true)]
    [InlineData("""{ a(s: "\uD83D\uDE00") }""", false)]
    [InlineData("""{ a(s: "\\uD800") }""", false)]
    [InlineData("{ a(s: \"\"\"\\uD800\"\"\") }", false)]
    [InlineData("# \\uD800 in a comment\n{ a }", false)]
    [InlineData("""{ a(s: "\uD800""", false)]
    public void GraphQL_escapes(string query, bool lone) => Assert.Equal(lone, LoneSurrogates.InDocument(query));

    [Theory]
    [InlineData("?query=%7Ba%7D", false)]
    [InlineData("?query=%E4%BC%9A%E5%91%98", false)]
    [InlineData("?query=%F0%9F%98%80", false)]
    [InlineData("?query=%ED%A0%80", true)]
    [InlineData("?query=%FF", true)]
    [InlineData("?query=%E4%BC", true)]
    [InlineData("?query=100%", false)]
    public void Query_strings(string raw, bool invalid) => Assert.Equal(invalid, LoneSurrogates.InQueryString(raw));

    [Fact]
    public void Raw_text() =>
        Assert.Equal([true, true, false, false], new[] { "a\uD800", "\uDC00a", "\uD83D\uDE00", "" }.Select(t => LoneSurrogates.InText(t)));
}
