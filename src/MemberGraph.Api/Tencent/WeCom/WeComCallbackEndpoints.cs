using System.Text;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// <c>GET /wecom/callback</c> (URL verification) and <c>POST /wecom/callback</c> (encrypted events), the two
/// non-GraphQL endpoints WeCom requires. Anything forged or malformed is refused with a 4xx and one log line saying
/// why; the answer never carries details an attacker could learn from.
/// </summary>
public static class WeComCallbackEndpoints
{
    public const string Path = "/wecom/callback";
    private const string LogCategory = "MemberGraph.Tencent.WeCom.WeComCallback";

    public static IEndpointRouteBuilder MapWeCom(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, VerifyUrl);
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    /// <summary>WeCom checks the URL by sending an encrypted <c>echostr</c>; the answer is its bare plaintext.</summary>
    private static IResult VerifyUrl(HttpRequest request, WeComCallbackCrypto crypto, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var query = request.Query;
        if (!TryGetSignatureParameters(query, out var signature, out var timestamp, out var nonce) || query["echostr"].FirstOrDefault() is not { Length: > 0 } echo)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "URL verification without msg_signature, timestamp, nonce and echostr");
        }

        if (crypto.Instance is not { } wecom)
        {
            return NotConfigured(logger);
        }

        // A '+' of the base64 echostr arrives as a space when a proxy did not percent-encode it.
        var result = wecom.VerifyAndDecrypt(signature, timestamp, nonce, echo.Replace(' ', '+'));
        if (result.Error is { } error)
        {
            return Refuse(logger, StatusFor(error), $"URL verification failed: {Describe(error)}");
        }

        logger.LogInformation("WeCom callback URL verified");
        return Results.Text(result.Plaintext, "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, WeComCallbackCrypto crypto, IOptions<WeComOptions> options,
        IWeComContactEventHandler handler, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        if (!TryGetSignatureParameters(request.Query, out var signature, out var timestamp, out var nonce))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "event without msg_signature, timestamp and nonce");
        }

        var limit = options.Value.MaxCallbackBodyBytes;
        string? body;
        try
        {
            body = await ReadBodyAsync(request, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // The server refused the body (it arrived too slowly, or beyond its own size limit): the sender's problem.
            return Refuse(logger, ex.StatusCode, $"body not received: {ex.Message}");
        }

        if (body is null)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, $"body larger than {limit / 1024} KB");
        }

        if (WeComXml.TryParse(body) is not { } envelope || envelope.GetValueOrDefault("Encrypt") is not { Length: > 0 } encrypted)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "body is not an XML envelope with <Encrypt>");
        }

        if (crypto.Instance is not { } wecom)
        {
            return NotConfigured(logger);
        }

        var decrypted = wecom.VerifyAndDecrypt(signature, timestamp, nonce, encrypted);
        if (decrypted.Error is { } error)
        {
            return Refuse(logger, StatusFor(error), Describe(error));
        }

        // Signed, so genuine: but a recorded delivery sent again is genuine too.
        var now = clock.GetUtcNow();
        if (WeComCallbackAge.Refusal("timestamp", timestamp, now, options.Value.CallbackMaxAge) is { } staleDelivery)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, staleDelivery);
        }

        if (WeComXml.TryParse(decrypted.Plaintext!) is not { } fields)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "decrypted message is not well-formed XML");
        }

        if (WeComContactEvent.From(fields) is not { } contactEvent)
        {
            logger.LogInformation("WeCom callback {Event}/{ChangeType} ignored: not a customer-contact event we act on",
                fields.GetValueOrDefault("Event") ?? fields.GetValueOrDefault("MsgType"), fields.GetValueOrDefault("ChangeType"));
            return Success();
        }

        // The replay key is dated by CreateTime: outside the window, a purged key must not make the event new again.
        if (WeComCallbackAge.Refusal("CreateTime", contactEvent.CreateTime, now, options.Value.CallbackMaxAge) is { } staleEvent)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, staleEvent);
        }

        try
        {
            await handler.HandleAsync(contactEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Our fault (database, bug): WeCom retries deliveries that fail, and the event key makes the retry safe.
            logger.LogError(ex, "WeCom {ChangeType} for {ExternalUserId} could not be processed; WeCom will redeliver it", contactEvent.ChangeType, contactEvent.ExternalUserId);
            return Results.Text("error", "text/plain", Encoding.UTF8, StatusCodes.Status500InternalServerError);
        }

        return Success();
    }

    /// <summary>WeCom only needs a quick 200; "success" is what its samples answer when there is nothing to reply.</summary>
    private static IResult Success() => Results.Text("success", "text/plain", Encoding.UTF8);

    private static bool TryGetSignatureParameters(IQueryCollection query, out string signature, out string timestamp, out string nonce)
    {
        signature = query["msg_signature"].FirstOrDefault() ?? "";
        timestamp = query["timestamp"].FirstOrDefault() ?? "";
        nonce = query["nonce"].FirstOrDefault() ?? "";
        return signature.Length is > 0 and <= 64 && timestamp.Length is > 0 and <= 32 && nonce.Length is > 0 and <= 64;
    }

    /// <summary>The body as text, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static int StatusFor(WeComCryptoError error) => error switch
    {
        WeComCryptoError.InvalidSignature => StatusCodes.Status401Unauthorized,
        WeComCryptoError.WrongReceiveId => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string Describe(WeComCryptoError error) => error switch
    {
        WeComCryptoError.InvalidSignature => "msg_signature does not match (forged or wrong token)",
        WeComCryptoError.WrongReceiveId => "receive id is not our corp id",
        WeComCryptoError.InvalidBase64 => "encrypted text is not valid base64 of whole AES blocks",
        WeComCryptoError.InvalidPadding => "bad PKCS#7 padding after decryption",
        WeComCryptoError.InvalidLength => "decrypted message length is inconsistent",
        _ => error.ToString(),
    };

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        logger.LogWarning("WeCom callback refused ({Status}): {Reason}", status, reason);
        return Results.Text("refused", "text/plain", Encoding.UTF8, status);
    }

    private static IResult NotConfigured(ILogger logger)
    {
        logger.LogError("WeCom callback received but WeCom:Token / WeCom:EncodingAesKey / WeCom:CorpId are not configured correctly");
        return Results.Text("not configured", "text/plain", Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
    }
}
