using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Testing;

/// <summary>A buyer account made for one test, with a credit line and an API key of its own.</summary>
public sealed record TestBuyer(string UserId, string Email, string ApiKey)
{
    /// <summary>The alias others see for this buyer on a lot.</summary>
    public string AliasOn(Guid lotId) => BidderAlias.For(lotId, UserId);

    /// <summary>An HTTP client that authenticates with this buyer's API key.</summary>
    public HttpClient ApiClient(MarketApplication app) => app.ApiClientWithKey(ApiKey);
}

/// <summary>
/// Creates buyers the way an admin does: an Identity user in the Buyer role, a buyer account, a credit limit and an
/// API key. Pass the root services of the app (or of one node) the buyers are for.
/// </summary>
public static class TestBuyers
{
    public static async Task<TestBuyer> CreateOneAsync(IServiceProvider services, decimal creditLimit = 10_000m, string name = "buyer") =>
        (await CreateAsync(services, 1, creditLimit, name))[0];

    /// <param name="name">A word that shows in the buyers' emails and company names, to tell them apart when debugging.</param>
    public static async Task<IReadOnlyList<TestBuyer>> CreateAsync(IServiceProvider services, int count, decimal creditLimit = 10_000m, string name = "buyer")
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        var buyers = new List<TestBuyer>(count);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        for (var i = 0; i < count; i++)
        {
            var tag = Guid.NewGuid().ToString("N");
            var email = $"{name}-{tag}@buyers.test";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CompanyName = $"Test buyer {name} {tag[..6]}" };
            Succeeded(await users.CreateAsync(user), $"creating {email}");
            Succeeded(await users.AddToRoleAsync(user, Roles.Buyer), $"giving {email} the buyer role");
            await accounts.EnsureBuyerAccountAsync(user.Id, 0m);
            if (await accounts.SetCreditLimitAsync(user.Id, creditLimit) is { } refused)
            {
                throw new InvalidOperationException($"Setting the credit limit of {email} to {creditLimit} failed: {refused}");
            }

            var key = $"key-{tag}";
            await keys.AddAsync(user.Id, "test", key);
            buyers.Add(new TestBuyer(user.Id, email, key));
        }

        return buyers;
    }

    private static void Succeeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
