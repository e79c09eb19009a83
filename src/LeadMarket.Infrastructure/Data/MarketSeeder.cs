using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Data;

/// <summary>
/// Reference data every market starts with (roles, verticals with a room each), the configured admin, and in
/// demo mode the demo accounts and keys of DESIGN §6. Idempotent: safe on every start.
/// </summary>
public sealed class MarketSeeder(
    IDbContextFactory<MarketDbContext> contexts,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    ApiKeyService apiKeys,
    IOptions<MarketOptions> market,
    IOptions<DemoOptions> demo)
{
    public const string DemoPassword = "Demo!Pass2026";
    public const decimal DemoBuyerCredit = 5_000m;
    public const decimal DemoBidderCredit = 1_000_000m;

    public static readonly string[] DemoBuyers = ["buyer1@demo.local", "buyer2@demo.local", "buyer3@demo.local"];
    public static readonly string[] DemoPublishers = ["publisher1@demo.local", "publisher2@demo.local"];

    /// <summary>Demo competitors: ordinary buyer accounts driven by the demo worker.</summary>
    public static readonly string[] DemoBidders = ["bidder-otto@demo.local", "bidder-lena@demo.local", "bidder-karl@demo.local", "bidder-mia@demo.local"];

    private static readonly (string Slug, string Name, decimal Reserve, decimal Increment)[] Verticals =
    [
        ("insurance", "Insurance", 8m, 0.50m),
        ("solar", "Solar", 25m, 1.00m),
        ("finance", "Finance", 15m, 0.50m),
        ("trades", "Trades", 12m, 0.50m),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            foreach (var (slug, name, reserve, increment) in Verticals)
            {
                if (await db.Verticals.AnyAsync(v => v.Slug == slug, ct))
                {
                    continue;
                }

                var vertical = new Vertical { Slug = slug, Name = name, DefaultReservePrice = reserve, MinimumIncrement = increment };
                db.Verticals.Add(vertical);
                db.Rooms.Add(new Room { VerticalId = vertical.Id, Name = $"{name} live" });
            }

            await db.SaveChangesAsync(ct);
        }

        if (market.Value.AdminEmail is { Length: > 0 } adminEmail && market.Value.AdminPassword is { Length: > 0 } adminPassword)
        {
            await EnsureUserAsync(adminEmail, adminPassword, Roles.Admin, null, ct);
        }

        if (!demo.Value.Enabled)
        {
            return;
        }

        await EnsureUserAsync("admin@demo.local", DemoPassword, Roles.Admin, "Demo Market Operations", ct);
        foreach (var email in DemoPublishers)
        {
            await EnsureUserAsync(email, DemoPassword, Roles.Publisher, $"Demo Publisher {email[9]}", ct);
        }

        foreach (var email in DemoBuyers)
        {
            await EnsureUserAsync(email, DemoPassword, Roles.Buyer, $"Demo Buyer {email[5]}", ct, DemoBuyerCredit);
        }

        foreach (var email in DemoBidders)
        {
            await EnsureUserAsync(email, DemoPassword, Roles.Buyer, "Demo bidder", ct, DemoBidderCredit);
        }
    }

    private async Task EnsureUserAsync(string email, string password, string role, string? company, CancellationToken ct, decimal? credit = null)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CompanyName = company };
            Check(await users.CreateAsync(user, password), $"user {email}");
        }

        if (!user.LockoutEnabled)
        {
            // Wrong passwords lock every seeded account out too, also one made before lockout was on.
            Check(await users.SetLockoutEnabledAsync(user, true), $"lockout of {email}");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"role of {email}");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (credit is { } limit && !await db.BuyerAccounts.AnyAsync(b => b.UserId == user.Id, ct))
        {
            db.BuyerAccounts.Add(new BuyerAccount { UserId = user.Id, CreditLimit = limit });
            await db.SaveChangesAsync(ct);
        }

        if (email.EndsWith("@demo.local", StringComparison.Ordinal))
        {
            var secret = "demo-key-" + email[..email.IndexOf('@', StringComparison.Ordinal)];
            var hash = ApiKeyService.Hash(secret);
            if (!await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct))
            {
                await apiKeys.AddAsync(user.Id, "Demo key", secret, ct);
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
