namespace MemberGraph.Tencent.WeChat;

public static class WeChatServiceCollectionExtensions
{
    public static IServiceCollection AddWeChat(this IServiceCollection services, IConfiguration configuration) => services;
}
