using LeadMarket.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LeadMarket.Web.Security;

/// <summary>
/// What a test (sandbox) key may not do. A test key runs the whole pre-ping and answers as a live key does, but
/// stores and sells nothing; a buyer's test key therefore cannot bid, neither over REST nor on the hub (whose
/// connections it cannot open at all: a hub connection exists to bid and to watch for bids). Endpoints that
/// move money require <see cref="LiveKeyPolicy"/>; its refusal is a 403 problem that says why.
/// </summary>
public static class TestKeys
{
    /// <summary>The policy of endpoints a test key may not use: satisfied by a cookie sign-in or a live key.</summary>
    public const string LiveKeyPolicy = "LiveKey";

    public const string CannotBidTitle = "Test keys cannot bid.";

    public static IServiceCollection AddTestKeyRules(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(LiveKeyPolicy, p => p.AddRequirements(new LiveKeyRequirement()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TestKeyRefusal>();
        return services;
    }

    /// <summary>Met unless the caller signed in with a test key (its own handler).</summary>
    internal sealed class LiveKeyRequirement : AuthorizationHandler<LiveKeyRequirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LiveKeyRequirement requirement)
        {
            if (!ApiKeyClaims.IsTestKey(context.User))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Answers a test key's refusal with a problem that names the reason; every other outcome as ASP.NET Core does.</summary>
    private sealed class TestKeyRefusal : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler standard = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<LiveKeyRequirement>().Any() == true)
            {
                var detail = context.User.IsInRole(Roles.Buyer)
                    ? "This is a test (sandbox) key: it stores and sells nothing, so it cannot place bids or open a connection to the live auction hub. Use a live key."
                    : "This is a test (sandbox) key: it stores and sells nothing, so it cannot be used here. Use a live key.";
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: CannotBidTitle, detail: detail).ExecuteAsync(context);
            }

            return standard.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
