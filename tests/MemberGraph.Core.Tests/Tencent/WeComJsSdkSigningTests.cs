using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>
/// WeCom's JS-SDK permission signature (JS-SDK使用权限签名算法) against the example of WeCom's documentation, and the
/// page URL it is made over.
/// </summary>
public sealed class WeComJsSdkSigningTests
{
    [Fact]
    public void The_documentations_example_signs_to_its_published_signature()
    {
        // The example of developer.work.weixin.qq.com/document/path/90506: string1 is
        // jsapi_ticket=sM4…qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value
        var signature = WeComJsSdkSigning.Sign(
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value");

        Assert.Equal("0f9de62fce790f9a083d5c99e95740ceb90c27ed", signature);
    }

    [Fact]
    public void Values_are_signed_raw_in_the_fixed_order_not_url_escaped()
    {
        // printf '%s' 'jsapi_ticket=t&noncestr=n&timestamp=1&url=https://a.example/p?x=1&y=中' | sha1sum (UTF-8)
        var signature = WeComJsSdkSigning.Sign("t", "n", 1, "https://a.example/p?x=1&y=中");

        Assert.Equal("ab9ff6fbe03d0eaff9c66568d76463e0891eb635", signature);
        Assert.NotEqual(WeComJsSdkSigning.Sign("t", "n", 1, "https://a.example/p?x=1&y=%E4%B8%AD"), signature);
    }

    [Theory]
    [InlineData("https://sidebar.example.com/?contact=wm1#/card", "https://sidebar.example.com/?contact=wm1")]
    [InlineData("http://127.0.0.1:5090/", "http://127.0.0.1:5090/")]
    [InlineData("https://sidebar.example.com/a#", "https://sidebar.example.com/a")]
    public void The_page_url_is_signed_without_its_fragment(string given, string signed) =>
        Assert.Equal(signed, WeComJsSdkSigning.PageUrl(given));

    [Theory]
    [InlineData("")]
    [InlineData("/relative/page")]
    [InlineData("ftp://files.example.com/a")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    public void Anything_but_an_absolute_http_url_is_no_page_url(string given) =>
        Assert.Null(WeComJsSdkSigning.PageUrl(given));

    [Fact]
    public void A_url_longer_than_2048_characters_is_no_page_url() =>
        Assert.Null(WeComJsSdkSigning.PageUrl("https://a.example/?q=" + new string('x', 2048)));
}
