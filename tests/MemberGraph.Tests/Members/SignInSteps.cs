using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary>The mini-program's sign-in requests, as the client sends them.</summary>
internal static class SignInSteps
{
    public const string SignIn = """
        mutation SignIn($code: String!) {
          signInWithWeChat(input: { code: $code }) {
            token expiresAt
            member { id displayName phone channelStatus { registered authorizedMiniProgram } identities { channel externalId } }
            errors { code message field }
          }
        }
        """;

    public const string BindPhone = """
        mutation Bind($phoneCode: String!) {
          bindPhone(input: { phoneCode: $phoneCode }) {
            token expiresAt switchedMember
            member { id displayName phone registeredAt channelStatus { registered } identities { channel externalId } }
            errors { code message field }
          }
        }
        """;

    public static async Task<JsonNode> SignInAsync(GatewayHost gateway, string code) =>
        (await gateway.GraphQLAsync(SignIn, new { code })).OkData()["signInWithWeChat"]!;

    /// <summary>Signs in and expects success: the member's key and token.</summary>
    public static async Task<(long MemberId, string Token)> SignedInAsync(GatewayHost gateway, string code)
    {
        var payload = await SignInAsync(gateway, code);
        Assert.Empty(payload["errors"]!.AsArray());
        return (MemberKey(payload["member"]!), payload["token"]!.GetValue<string>());
    }

    public static async Task<JsonNode> BindPhoneAsync(GatewayHost gateway, string token, string phoneCode) =>
        (await gateway.GraphQLAsync(BindPhone, new { phoneCode }, token)).OkData()["bindPhone"]!;

    public static long MemberKey(JsonNode member) => GlobalId.TryDecode(member["id"]!.GetValue<string>(), "Member")!.Value;

    public static string? FirstErrorCode(JsonNode payload) => payload["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();

    public static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..28];
}
