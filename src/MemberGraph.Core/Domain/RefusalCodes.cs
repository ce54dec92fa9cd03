namespace MemberGraph.Domain;

/// <summary>
/// Why the domain refused a whole request (<see cref="RequestRefusedException"/>), as clients read it in
/// <c>extensions.code</c>. Codes about the request's form (paging arguments, document limits, transport) are the API's.
/// </summary>
public static class RefusalCodes
{
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";

    /// <summary>A segment expression that cannot be read or names something that does not exist; <c>extensions.position</c> says where.</summary>
    public const string SegmentExpressionInvalid = "SEGMENT_EXPRESSION_INVALID";

    /// <summary>A dynamic member code whose signature is right but whose lifetime has passed: ask the member to refresh it.</summary>
    public const string MemberCodeExpired = "MEMBER_CODE_EXPIRED";

    /// <summary>A string that is not a member code this gateway signed (mistyped, tampered with, or from another key).</summary>
    public const string MemberCodeInvalid = "MEMBER_CODE_INVALID";

    /// <summary>Something only a member consenting to a partner for a purpose allows (a partner benefit bought with points, ...).</summary>
    public const string PartnerConsentRequired = "PARTNER_CONSENT_REQUIRED";

    /// <summary>WeCom could not be reached or was busy for something the request needs (a JS-SDK ticket): try again.</summary>
    public const string WecomUnavailable = "WECOM_UNAVAILABLE";

    /// <summary>WeCom refused what the request needs (a JS-SDK ticket): the corp's configuration, not the caller, must change.</summary>
    public const string WecomRejected = "WECOM_REJECTED";
}
