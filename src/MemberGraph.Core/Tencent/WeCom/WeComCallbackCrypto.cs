using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

/// <summary>The callback's <see cref="WeComCrypto"/>, built once from configuration; null when the configuration is unusable.</summary>
public sealed class WeComCallbackCrypto(IOptions<WeComOptions> options)
{
    private readonly Lazy<WeComCrypto?> _instance = new(() =>
    {
        var settings = options.Value;
        if (settings.EncodingAesKey.Length != 43 || string.IsNullOrEmpty(settings.Token) || string.IsNullOrEmpty(settings.CorpId))
        {
            return null;
        }

        try
        {
            return new WeComCrypto(settings.Token, settings.EncodingAesKey, settings.CorpId);
        }
        catch (FormatException)
        {
            return null;
        }
    });

    public WeComCrypto? Instance => _instance.Value;
}
