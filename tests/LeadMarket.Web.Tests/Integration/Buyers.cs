using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>A buyer account made for one test, with a credit line and an API key of its own.</summary>
public sealed record TestBuyer(string UserId, string Email, string ApiKey)
{
    public string AliasOn(Guid lotId) => BidderAlias.For(lotId, UserId);

    public HttpClient ApiClient(MarketApplication app)
    {
        var client = new HttpClient { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }
}

/// <summary>Creates buyers the way an admin does: an Identity user in the Buyer role, a buyer account, a credit limit, a key.</summary>
public static class Buyers
{
    public static async Task<TestBuyer> CreateOneAsync(MarketApplication app, decimal creditLimit = 10_000m) =>
        (await CreateAsync(app, 1, creditLimit))[0];

    public static async Task<IReadOnlyList<TestBuyer>> CreateAsync(MarketApplication app, int count, decimal creditLimit = 10_000m)
    {
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var buyers = new List<TestBuyer>(count);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        for (var i = 0; i < count; i++)
        {
            var tag = Guid.NewGuid().ToString("N");
            var email = $"buyer-{tag}@test.local";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CompanyName = $"Test buyer {tag[..6]}" };
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, Roles.Buyer));
            await accounts.EnsureBuyerAccountAsync(user.Id, 0m);
            Assert.Null(await accounts.SetCreditLimitAsync(user.Id, creditLimit));
            var key = $"key-{tag}";
            await keys.AddAsync(user.Id, "test", key);
            buyers.Add(new TestBuyer(user.Id, email, key));
        }

        return buyers;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
