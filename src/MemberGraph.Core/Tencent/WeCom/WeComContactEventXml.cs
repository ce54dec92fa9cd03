namespace MemberGraph.Tencent.WeCom;

/// <summary>The plaintext XML of a <c>change_external_contact</c> callback, as WeCom writes it before encrypting it.</summary>
public static class WeComContactEventXml
{
    public static string Build(string corpId, string changeType, string userId, string externalUserId, long createTime,
        string? state = null, string? failReason = null, string? source = null) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{createTime}</CreateTime>" +
        "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>" +
        $"<ChangeType><![CDATA[{changeType}]]></ChangeType><UserID><![CDATA[{userId}]]></UserID><ExternalUserID><![CDATA[{externalUserId}]]></ExternalUserID>" +
        (state is null ? "" : $"<State><![CDATA[{state}]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>") +
        (failReason is null ? "" : $"<FailReason><![CDATA[{failReason}]]></FailReason>") +
        (source is null ? "" : $"<Source><![CDATA[{source}]]></Source>") +
        "</xml>";

    /// <summary>The envelope WeCom POSTs: the encrypted event, addressed to the corp.</summary>
    public static string Envelope(string corpId, string encrypted) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
}
