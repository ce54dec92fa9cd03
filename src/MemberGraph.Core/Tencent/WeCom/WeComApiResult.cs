namespace MemberGraph.Tencent.WeCom;

/// <summary>The answer of one WeCom API call: the response, or why there is none.</summary>
public sealed record WeComResult<T>(T? Value, WeComFailure? Failure)
    where T : class
{
    public bool Succeeded => Failure is null;

    public static WeComResult<T> Ok(T value) => new(value, null);

    public static implicit operator WeComResult<T>(WeComFailure failure) => new(null, failure);
}

/// <summary>
/// Why a WeCom call gave no answer: WeCom said no (<see cref="WeComFailureKind.Rejected"/>, with its errcode) or
/// could not be reached or answered nonsense (<see cref="WeComFailureKind.Unavailable"/>).
/// </summary>
public sealed record WeComFailure(WeComFailureKind Kind, int ErrCode, string Message)
{
    /// <summary>The errcodes WeCom uses for "busy, try again" and rate limits: the caller may retry later.</summary>
    public bool IsTransient => Kind == WeComFailureKind.Unavailable || ErrCode is -1 or 45009 or 45033;

    public static WeComFailure Unavailable(string message) => new(WeComFailureKind.Unavailable, 0, message);

    public override string ToString() => Kind == WeComFailureKind.Rejected ? $"WeCom errcode {ErrCode}: {Message}" : $"WeCom unavailable: {Message}";
}

public enum WeComFailureKind
{
    Rejected,
    Unavailable,
}

/// <summary>Well-known WeCom errcodes.</summary>
public static class WeComErrCodes
{
    public const int Busy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidCode = 40029;
    public const int InvalidAccessToken = 40014;
    public const int AccessTokenExpired = 42001;
    public const int InvalidExternalUserId = 40096;

    /// <summary>The token was refused: fetch a new one and try the call once more.</summary>
    public static bool IsStaleToken(int errcode) => errcode is InvalidAccessToken or AccessTokenExpired or InvalidCredential;
}
