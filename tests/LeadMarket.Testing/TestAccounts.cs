using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadMarket.Testing;

/// <summary>An account every test market starts with: a confirmed user in one role, with an API key the tests know.</summary>
/// <param name="Name">How tests name it: "admin", "publisher1", "buyer1".</param>
public sealed record TestAccount(string Name, string Email, string Role, string ApiKey, decimal? CreditLimit = null)
{
    /// <summary>The account's test (sandbox) key: runs everything, stores and sells nothing.</summary>
    public string SandboxApiKey => "sandbox-" + ApiKey;
}

/// <summary>
/// The accounts a <see cref="MarketApplication"/> seeds for its tests, in place of demo mode's: an admin, two
/// publishers and three buyers with 5,000.00 EUR of credit each, all with <see cref="Password"/>, a key
/// <c>test-key-&lt;name&gt;</c> and a test (sandbox) key <c>sandbox-test-key-&lt;name&gt;</c>.
/// </summary>
public static class TestAccounts
{
    public const string Password = "Test!Pass2026";

    public const decimal BuyerCredit = 5_000m;

    public static readonly TestAccount Admin = new("admin", "test-admin@tests.local", Roles.Admin, "test-key-admin");
    public static readonly TestAccount Publisher1 = Publisher(1);
    public static readonly TestAccount Publisher2 = Publisher(2);
    public static readonly TestAccount Buyer1 = Buyer(1);
    public static readonly TestAccount Buyer2 = Buyer(2);
    public static readonly TestAccount Buyer3 = Buyer(3);

    public static readonly IReadOnlyList<TestAccount> All = [Admin, Publisher1, Publisher2, Buyer1, Buyer2, Buyer3];

    /// <summary>The account of a name ("admin", "publisher1", "buyer2").</summary>
    public static TestAccount Named(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"There is no test account '{name}'; there are {string.Join(", ", All.Select(a => a.Name))}.", nameof(name));

    /// <summary>Creates the accounts that are missing (a restarted market on the same data already has them).</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        foreach (var account in All)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, CompanyName = $"Test {account.Name}" };
            Succeeded(await users.CreateAsync(user, Password), $"creating {account.Email}");
            Succeeded(await users.AddToRoleAsync(user, account.Role), $"giving {account.Email} the role {account.Role}");
            if (account.CreditLimit is { } limit)
            {
                await accounts.EnsureBuyerAccountAsync(user.Id, limit, ct);
            }

            await keys.AddAsync(user.Id, "Test key", account.ApiKey, ct);
            await keys.AddAsync(user.Id, "Sandbox key", account.SandboxApiKey, isTest: true, ct);
        }
    }

    private static TestAccount Publisher(int n) => new($"publisher{n}", $"test-publisher-{n}@tests.local", Roles.Publisher, $"test-key-publisher{n}");

    private static TestAccount Buyer(int n) => new($"buyer{n}", $"test-buyer-{n}@tests.local", Roles.Buyer, $"test-key-buyer{n}", BuyerCredit);

    private static void Succeeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>Seeds <see cref="TestAccounts"/> at start, after the app's own database start (hosted services start in order).</summary>
internal sealed class TestAccountSeeder(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => TestAccounts.SeedAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
