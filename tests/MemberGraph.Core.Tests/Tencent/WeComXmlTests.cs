using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>WeCom's flat XML messages are read, and anything else (entities, nesting, repeats) is refused.</summary>
public sealed class WeComXmlTests
{
    [Fact]
    public void A_flat_message_is_read_with_cdata_and_plain_values()
    {
        var fields = WeComXml.TryParse("<xml><ToUserName><![CDATA[ww1]]></ToUserName>\n  <CreateTime>1409659813</CreateTime><Empty></Empty></xml>");

        Assert.NotNull(fields);
        Assert.Equal("ww1", fields["ToUserName"]);
        Assert.Equal("1409659813", fields["CreateTime"]);
        Assert.Equal("", fields["Empty"]);
    }

    [Fact]
    public void An_empty_message_has_no_fields()
    {
        Assert.Empty(WeComXml.TryParse("<xml/>")!);
    }

    [Theory]
    [InlineData("<notxml><A>1</A></notxml>")]                                                                  // another root
    [InlineData("<xml><A>1</A><A>2</A></xml>")]                                                                // a repeated field
    [InlineData("<xml><A><B>1</B></A></xml>")]                                                                 // nesting
    [InlineData("<xml><A>1</A></xml><xml/>")]                                                                  // a second root
    [InlineData("<xml><A>1</A>")]                                                                              // unclosed
    [InlineData("<!DOCTYPE xml [<!ENTITY e \"boom\">]><xml><A>&e;</A></xml>")]                                 // a DTD
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><A>&e;</A></xml>")]            // an external entity
    [InlineData("")]
    [InlineData("not xml at all")]
    public void Anything_but_a_flat_message_is_refused(string xml)
    {
        Assert.Null(WeComXml.TryParse(xml));
    }

    [Fact]
    public void A_message_over_256K_characters_is_refused()
    {
        Assert.Null(WeComXml.TryParse($"<xml><A>{new string('a', 256 * 1024)}</A></xml>"));
    }
}
