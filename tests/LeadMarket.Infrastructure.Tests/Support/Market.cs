using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.Leads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Support;

/// <summary>A lot as listed by <see cref="Market.ListLotAsync"/>.</summary>
public sealed record ListedLot(Guid LotId, Guid RoomId, Guid LeadId, DateTimeOffset EndsAt);

/// <summary>Arranging a market through the app's own services: buyers with a credit line, leads listed as lots.</summary>
public static class Market
{
    public const string InsuranceRoom = "insurance";

    /// <summary>A new buyer account the way an admin makes one: user, Buyer role, buyer account, credit limit.</summary>
    public static async Task<string> CreateBuyerAsync(IServiceProvider services, string name, decimal credit)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@buyers.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CompanyName = $"Test buyer {name}" };
        Succeeded(await users.CreateAsync(user));
        Succeeded(await users.AddToRoleAsync(user, Roles.Buyer));
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        await accounts.EnsureBuyerAccountAsync(user.Id, 0m);
        Assert.Null(await accounts.SetCreditLimitAsync(user.Id, credit));
        return user.Id;
    }

    public static async Task<string> PublisherIdAsync(IServiceProvider services, string demoPublisher = "publisher1")
    {
        await using var db = Db(services);
        var email = $"{demoPublisher}@demo.local";
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static async Task<Guid> RoomIdAsync(IServiceProvider services, string verticalSlug = InsuranceRoom)
    {
        await using var db = Db(services);
        return await db.Rooms.Where(r => r.Vertical!.Slug == verticalSlug).Select(r => r.Id).FirstAsync();
    }

    /// <summary>Lists one lead as one lot in the insurance room (increment 0.50, anti-sniping 15 s).</summary>
    public static async Task<ListedLot> ListLotAsync(
        IServiceProvider services,
        SaleMode mode = SaleMode.Exclusive,
        int shares = 1,
        decimal reserve = 10m,
        int durationSeconds = 60,
        LeadInput? lead = null)
    {
        var publisherId = await PublisherIdAsync(services);
        var roomId = await RoomIdAsync(services);
        var time = services.GetRequiredService<TimeProvider>();
        var listing = services.GetRequiredService<ListingService>();
        var result = await listing.ListAsync(publisherId, new BatchTerms("Test batch", roomId, mode, shares, reserve, durationSeconds), [lead ?? Lead(time.GetUtcNow())]);
        Assert.True(result.Ok, string.Join("; ", result.Errors));

        await using var db = Db(services);
        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.BatchId == result.BatchId);
        return new ListedLot(lot.Id, lot.RoomId, lot.LeadId, lot.EndsAt);
    }

    /// <summary>A valid double opt-in lead; pass distinctive personal data to look for it later.</summary>
    public static LeadInput Lead(
        DateTimeOffset now,
        string firstName = "Erika",
        string lastName = "Mustermann",
        string email = "erika.mustermann@example.org",
        string phone = "+49 151 1234567",
        string street = "Heidestraße 17") =>
        new(firstName, lastName, email, phone, street, "80331", "München", "DE", "de", "Household contents insurance, 85 m² flat",
            new ConsentEvidence(now.AddMinutes(-30), "198.51.100.7", "Mozilla/5.0 (test)", "https://forms.example/insurance",
                "I agree that up to three insurance providers contact me by phone and email about my request.",
                now.AddMinutes(-28), now.AddMinutes(-25), "198.51.100.8"));

    public static MarketDbContext Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContext();

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
