using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Guides;

/// <summary>
/// <c>weComJsSdkSignature(url:)</c>: what the sidebar page's <c>ww.register</c> needs — the corp id, the app's AgentId and
/// the signatures of its <c>getConfigSignature</c> (corp jsapi_ticket) and <c>getAgentConfigSignature</c> (app ticket)
/// callbacks. Each signature is made only when selected.
/// </summary>
public sealed class WeComJsSdkQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<WeComJsSdkSignatureType>>("weComJsSdkSignature")
            .Description("The WeCom JS-SDK registration of a sidebar page (ww.register): corp id, AgentId and signatures of the page URL with the corp's " +
                         "and the app's jsapi_ticket (SHA1 of jsapi_ticket, noncestr, timestamp and the URL without its fragment). Guides. " +
                         "WECOM_UNAVAILABLE when WeCom does not answer (try again), WECOM_REJECTED when it refuses the ticket.")
            .Argument<NonNullGraphType<StringGraphType>>("url", "The page's full URL as location.href gives it (anything after # is left out of the signature).")
            .Authorize(Roles.Guide)
            .Resolve(ctx =>
            {
                var pageUrl = WeComJsSdkSigning.PageUrl(ctx.GetArgument<string>("url"))
                              ?? throw GraphQLRequestError.BadInput("'url' must be the page's absolute http(s) URL, at most 2048 characters.");
                var signer = ctx.Service<WeComJsSdkSigner>();
                return new WeComJsSdkPage(pageUrl, signer.CorpId, signer.AgentId);
            });
    }
}

/// <summary>The page being registered: its URL (without fragment), the corp and the app.</summary>
public sealed record WeComJsSdkPage(string Url, string CorpId, string? AgentId);

public sealed class WeComJsSdkSignatureType : ObjectGraphType<WeComJsSdkPage>
{
    public WeComJsSdkSignatureType()
    {
        Name = "WeComJsSdkSignature";
        Description = "What ww.register of @wecom/jssdk needs for one page: corpId, agentId, and the signatures its getConfigSignature and " +
                      "getAgentConfigSignature callbacks return ({ timestamp, nonceStr, signature }).";
        Field<NonNullGraphType<StringGraphType>>("corpId").Description("The corp id (ww.register's corpId).").Resolve(ctx => ctx.Source.CorpId);
        Field<StringGraphType>("agentId")
            .Description("The self-built app's AgentId (ww.register's agentId, WeCom:AgentId); null when not configured, and then app-level APIs such as getCurExternalContact cannot be registered.")
            .Resolve(ctx => ctx.Source.AgentId);
        Field<NonNullGraphType<StringGraphType>>("url").Description("The URL signed: the one given, without its fragment.").Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<WeComTicketSignatureType>>("config")
            .Description("For getConfigSignature: signed with the corp's jsapi_ticket (get_jsapi_ticket).")
            .ResolveAsync(async ctx => await ctx.Service<WeComJsSdkSigner>().SignAsync(WeComJsApiTicketKind.Corp, ctx.Source.Url, ctx.CancellationToken));
        Field<NonNullGraphType<WeComTicketSignatureType>>("agentConfig")
            .Description("For getAgentConfigSignature: signed with the app's jsapi_ticket (ticket/get, type agent_config).")
            .ResolveAsync(async ctx => await ctx.Service<WeComJsSdkSigner>().SignAsync(WeComJsApiTicketKind.Agent, ctx.Source.Url, ctx.CancellationToken));
    }
}

public sealed class WeComTicketSignatureType : ObjectGraphType<WeComJsSdkSignature>
{
    public WeComTicketSignatureType()
    {
        Name = "WeComTicketSignature";
        Description = "One JS-SDK signature, as ww.register's signature callbacks return it.";
        Field<NonNullGraphType<LongGraphType>>("timestamp").Description("Unix seconds the signature was made at.").Resolve(ctx => ctx.Source.Timestamp);
        Field<NonNullGraphType<StringGraphType>>("nonceStr").Description("The random string signed with it.").Resolve(ctx => ctx.Source.NonceStr);
        Field<NonNullGraphType<StringGraphType>>("signature").Description("SHA1 (lower-case hex) of jsapi_ticket=…&noncestr=…&timestamp=…&url=….").Resolve(ctx => ctx.Source.Signature);
    }
}
