using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Data;

/// <summary>
/// Reference data every market starts with (roles, verticals with a room and their own fields each), the configured admin, and in
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

    /// <summary>
    /// Each seeded vertical's own fields, as a German lead market asks for them: what the buyers of the vertical need
    /// to quote, and the minimum criteria below which a lead is not worth listing (e.g. solar: owner-occupied, at
    /// least 20 m² of roof).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<VerticalFieldInput>> DefaultFields = new Dictionary<string, IReadOnlyList<VerticalFieldInput>>
    {
        ["solar"] =
        [
            new("owner_occupied", "Owner-occupied home", VerticalFieldKind.YesNo, Required: true, MustBe: "yes", SortOrder: 10),
            new("roof_m2", "Usable roof area (m²)", VerticalFieldKind.Number, Required: true, Minimum: 20m, Maximum: 2000m, SortOrder: 20),
            new("building_type", "Building type", VerticalFieldKind.Choice, Required: false, Choices: "house,semi,apartment", SortOrder: 30),
            new("electricity_kwh", "Electricity use per year (kWh)", VerticalFieldKind.Number, Required: false, Maximum: 100_000m, SortOrder: 40),
        ],
        ["insurance"] =
        [
            new("insurance_type", "Insurance wanted", VerticalFieldKind.Choice, Required: true, Choices: "health,dental,car,liability,household,life", SortOrder: 10),
            new("age", "Age", VerticalFieldKind.Number, Required: true, Minimum: 18m, Maximum: 99m, SortOrder: 20),
            new("employment", "Employment", VerticalFieldKind.Choice, Required: false, Choices: "employed,self_employed,civil_servant,student,retired", SortOrder: 30),
            new("currently_insured", "Currently insured", VerticalFieldKind.YesNo, Required: false, SortOrder: 40),
        ],
        ["finance"] =
        [
            new("loan_purpose", "Purpose of the loan", VerticalFieldKind.Choice, Required: true, Choices: "mortgage,consumer_credit,refinancing,car_loan", SortOrder: 10),
            new("loan_amount_eur", "Loan amount (EUR)", VerticalFieldKind.Number, Required: true, Minimum: 5_000m, Maximum: 2_000_000m, SortOrder: 20),
            new("net_income_eur", "Net income per month (EUR)", VerticalFieldKind.Number, Required: false, Minimum: 1_000m, Maximum: 100_000m, SortOrder: 30),
            new("negative_credit_record", "Negative SCHUFA entries", VerticalFieldKind.YesNo, Required: false, MustBe: "no", SortOrder: 40),
        ],
        ["trades"] =
        [
            new("trade", "Trade", VerticalFieldKind.Choice, Required: true, Choices: "roofing,heating,plumbing,electrical,painting,windows,flooring", SortOrder: 10),
            new("project_start", "Project start", VerticalFieldKind.Choice, Required: false, Choices: "asap,within_3_months,within_6_months,later", SortOrder: 20),
            new("budget_eur", "Budget (EUR)", VerticalFieldKind.Number, Required: false, Minimum: 500m, Maximum: 500_000m, SortOrder: 30),
        ],
    };

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
                if (await db.Verticals.FirstOrDefaultAsync(v => v.Slug == slug, ct) is { } existing)
                {
                    // A demo market made before vertical fields existed gets them too; elsewhere the admin's choice stands.
                    if (demo.Value.Enabled && !await db.VerticalFields.AnyAsync(f => f.VerticalId == existing.Id, ct))
                    {
                        AddDefaultFields(db, existing);
                    }

                    continue;
                }

                var vertical = new Vertical { Slug = slug, Name = name, DefaultReservePrice = reserve, MinimumIncrement = increment };
                db.Verticals.Add(vertical);
                db.Rooms.Add(new Room { VerticalId = vertical.Id, Name = $"{name} live" });
                AddDefaultFields(db, vertical);
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
            var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];
            foreach (var (secret, name, isTest) in new[] { ("demo-key-" + localPart, "Demo key", false), ("demo-test-key-" + localPart, "Demo test key", true) })
            {
                var hash = ApiKeyService.Hash(secret);
                if (!await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct))
                {
                    await apiKeys.AddAsync(user.Id, name, secret, isTest, ct);
                }
            }
        }
    }

    private static void AddDefaultFields(MarketDbContext db, Vertical vertical)
    {
        foreach (var input in DefaultFields.GetValueOrDefault(vertical.Slug) ?? [])
        {
            var field = VerticalFieldAdministration.Normalize(input, out var problem)
                ?? throw new InvalidOperationException($"The default field {input.Name} of {vertical.Slug} is not valid: {problem}.");
            db.VerticalFields.Add(new VerticalField
            {
                VerticalId = vertical.Id, Name = field.Name, Label = field.Label, Kind = field.Kind, Required = field.Required, Choices = field.Choices,
                Minimum = field.Minimum, Maximum = field.Maximum, MustBe = field.MustBe, SortOrder = field.SortOrder,
            });
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
